package api_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// Following next (and next_page_token) from the first page visits every
// matching product exactly once: the union of the pages is the set the
// database holds for the query, with no duplicate and no gap, for text,
// for a filter and for the whole catalog; the last page has no next.
func TestCatalogPagesThroughEveryItemOnceOverHTTP(t *testing.T) {
	t.Parallel()
	a := startCatalog(t)
	for _, c := range []struct{ query, where string }{
		{"q=websph", "lower(description) ~ '(^|[^a-z0-9])websph'"},
		{"category=Integration&license_type=ss_renewal", "category = 'Integration' AND license_type = 'ss_renewal'"},
		{"", "true"},
	} {
		var want []string
		if err := a.Runtime.DB.Raw("SELECT part_number FROM products WHERE " + c.where + " ORDER BY part_number").Scan(&want).Error; err != nil {
			t.Fatal(err)
		}
		if len(want) < 40 {
			t.Fatalf("%s: only %d products in the fixture", c.query, len(want))
		}
		var got []string
		path := acmeSite + "/catalog?limit=13&" + c.query
		pages := 0
		for path != "" {
			p := getCatalog(t, a, alice, path)
			pages++
			for _, it := range p.Items {
				got = append(got, it.PartNumber)
			}
			if (p.Next == "") != (p.NextPageToken == "") {
				t.Fatalf("%s page %d: next %q, token %q", c.query, pages, p.Next, p.NextPageToken)
			}
			if p.Next != "" {
				u, err := url.Parse(p.Next)
				if err != nil || u.Query().Get("page_token") != p.NextPageToken || !strings.HasPrefix(p.Next, acmeSite+"/catalog?") {
					t.Fatalf("%s page %d: next %q", c.query, pages, p.Next)
				}
				if len(p.Items) != 13 {
					t.Fatalf("%s page %d: %d items and a next page", c.query, pages, len(p.Items))
				}
			}
			path = p.Next
			if pages > 200 {
				t.Fatalf("%s: more than 200 pages", c.query)
			}
		}
		seen := map[string]bool{}
		for _, g := range got {
			if seen[g] {
				t.Errorf("%s: %s on two pages", c.query, g)
			}
			seen[g] = true
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d items over %d pages, want %d", c.query, len(got), pages, len(want))
		}
		if wantPages := (len(want) + 12) / 13; pages != wantPages {
			t.Errorf("%s: %d pages, want %d", c.query, pages, wantPages)
		}
	}
}
