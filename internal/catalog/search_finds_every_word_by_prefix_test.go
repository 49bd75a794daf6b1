package catalog_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pao/pao/internal/catalog"
)

// matches reports whether every word of q starts a word of the part number
// or the description (the search's rule, computed here without SQL).
func matches(q, part, desc string) bool {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	doc := split(part + " " + desc)
	for _, w := range split(q) {
		if !slices.ContainsFunc(doc, func(d string) bool { return strings.HasPrefix(d, w) }) {
			return false
		}
	}
	return true
}

// Free text finds exactly the products in which every word of the query
// starts a word of the part number or the description, whatever the case
// and punctuation: "websph" finds WebSphere, "db2 adv" Db2 Advanced,
// "E0MQ2" the part E0MQ2LL.
func TestSearchFindsEveryWordByPrefix(t *testing.T) {
	t.Parallel()
	db := generated(t, 2000)
	var all []struct{ PartNumber, Description string }
	if err := db.Raw("SELECT part_number, description FROM products").Scan(&all).Error; err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"websph", "WebSph", "websph!", "db2 adv", "Db2 ADVANCED edition", "mq 9.4", "cloud-pak", "E0MQ2", "renewal maxim", "qradar siem install"} {
		var want []string
		for _, p := range all {
			if matches(q, p.PartNumber, p.Description) {
				want = append(want, p.PartNumber)
			}
		}
		if len(want) == 0 {
			t.Fatalf("q=%q: the fixture has no match", q)
		}
		got, _ := everyPage(t, db, catalog.Query{Text: q, Limit: 100, Currency: "USD", PriceLevel: "E"}, 100)
		gotParts := parts(got)
		slices.Sort(gotParts)
		slices.Sort(want)
		if !slices.Equal(gotParts, want) {
			t.Errorf("q=%q: %d items, want %d\n got %v\nwant %v", q, len(gotParts), len(want), head(gotParts), head(want))
		}
	}
	if p := search(t, db, catalog.Query{Text: "websph", Limit: 5}); !strings.Contains(p.Items[0].Description, "WebSphere") {
		t.Errorf("websph: first item %+v", p.Items[0])
	}
	if p := search(t, db, catalog.Query{Text: "E0MQ2", Limit: 5}); p.Items[0].PartNumber != "E0MQ2LL" {
		t.Errorf("E0MQ2: first item %+v", p.Items[0])
	}
	// Text without a word is no text: the catalog by part number.
	browse := search(t, db, catalog.Query{Limit: 10})
	if p := search(t, db, catalog.Query{Text: " -- !! ", Limit: 10}); !slices.Equal(parts(p.Items), parts(browse.Items)) {
		t.Errorf("punctuation only: %v, want %v", parts(p.Items), parts(browse.Items))
	}
}

func head(s []string) []string {
	if len(s) > 8 {
		return append(slices.Clone(s[:8]), "…")
	}
	return s
}
