package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// Following the page tokens visits every matching item exactly once, in
// the stable order (rank down, then part number; or part number), whatever
// the page size, also across runs of equal rank; the last page has no
// token; a token keeps working with another limit.
func TestSearchPagesThroughEveryItemOnce(t *testing.T) {
	t.Parallel()
	db := generated(t, 1500)
	for _, q := range []catalog.Query{
		{Text: "websph"},
		{Text: "subscr"}, // long runs of equal rank
		{Text: "db2", LicenseType: models.SSRenewal},
		{},
		{Category: "Automation"},
		{Category: "Integration", LicenseType: models.LicenseTypeMedia},
	} {
		q.Currency, q.PriceLevel = "GBP", "BL"
		one, _ := everyPage(t, db, withLimit(q, 100), 1000)
		if len(one) < 20 {
			t.Fatalf("%+v: only %d items", q, len(one))
		}
		for _, limit := range []int{1, 7, 20} {
			if limit == 1 && len(one) > 300 {
				continue
			}
			got, pages := everyPage(t, db, withLimit(q, limit), 2000)
			if !slices.Equal(parts(got), parts(one)) {
				t.Errorf("%+v limit %d: %d items over %d pages differ from the %d of limit 100", q, limit, len(got), pages, len(one))
			}
			if want := (len(one) + limit - 1) / limit; pages != want {
				t.Errorf("%+v limit %d: %d pages, want %d", q, limit, pages, want)
			}
		}
		seen := map[string]bool{}
		for i, it := range one {
			if seen[it.PartNumber] {
				t.Errorf("%+v: %s twice", q, it.PartNumber)
			}
			seen[it.PartNumber] = true
			if i == 0 {
				continue
			}
			prev := one[i-1]
			if it.Rank > prev.Rank || (it.Rank == prev.Rank && strings.Compare(it.PartNumber, prev.PartNumber) <= 0) {
				t.Errorf("%+v: %s (%v) after %s (%v)", q, it.PartNumber, it.Rank, prev.PartNumber, prev.Rank)
			}
		}
	}

	// A token carries on with another limit.
	q := catalog.Query{Text: "websph", Limit: 10, Currency: "USD", PriceLevel: "E"}
	first := search(t, db, q)
	q.PageToken, q.Limit = first.NextPageToken, 25
	next := search(t, db, q)
	all, _ := everyPage(t, db, withLimit(catalog.Query{Text: "websph", Currency: "USD", PriceLevel: "E"}, 100), 100)
	if !slices.Equal(parts(next.Items), parts(all)[10:35]) {
		t.Errorf("token of a 10-item page with limit 25: %v, want %v", parts(next.Items), parts(all)[10:35])
	}
}

func withLimit(q catalog.Query, n int) catalog.Query { q.Limit = n; return q }
