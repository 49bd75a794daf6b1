package catalog_test

import (
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// Each item carries its price in the query's currency at its level; a
// product with no price there is listed all the same, flagged price on
// request, with no price.
func TestSearchShowsPriceOnRequest(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	insert(t, db,
		product{part: "D0PR1LL", desc: "IBM Priced Everywhere", category: "Security", lt: models.LicenseAndSS,
			prices: map[string]int64{"USD/E": 123_456, "IDR/GV": 1_500_000_00, "USD/GV": 99_00}},
		product{part: "D0PR2LL", desc: "IBM Priced In Dollars Only", category: "Security", lt: models.LicenseAndSS,
			prices: map[string]int64{"USD/E": 5_00}},
		product{part: "D0PR3LL", desc: "IBM Never Priced", category: "Security", lt: models.LicenseAndSS},
	)
	for _, c := range []struct {
		currency, level string
		want            map[string]*models.Money
	}{
		{"USD", "E", map[string]*models.Money{"D0PR1LL": {Minor: 123_456, Currency: "USD"}, "D0PR2LL": {Minor: 5_00, Currency: "USD"}, "D0PR3LL": nil}},
		{"IDR", "GV", map[string]*models.Money{"D0PR1LL": {Minor: 1_500_000_00, Currency: "IDR"}, "D0PR2LL": nil, "D0PR3LL": nil}},
		{"EUR", "E", map[string]*models.Money{"D0PR1LL": nil, "D0PR2LL": nil, "D0PR3LL": nil}},
	} {
		p := search(t, db, catalog.Query{Text: "priced", Category: "Security", Currency: c.currency, PriceLevel: c.level})
		if len(p.Items) != 3 {
			t.Fatalf("%s/%s: %d items, want all 3 (none hidden)", c.currency, c.level, len(p.Items))
		}
		for _, it := range p.Items {
			want := c.want[it.PartNumber]
			switch {
			case want == nil && (it.Price != nil || !it.PriceOnRequest):
				t.Errorf("%s/%s %s: price %v, on request %v; want on request", c.currency, c.level, it.PartNumber, it.Price, it.PriceOnRequest)
			case want != nil && (it.Price == nil || *it.Price != *want || it.PriceOnRequest):
				t.Errorf("%s/%s %s: price %v, on request %v; want %v", c.currency, c.level, it.PartNumber, it.Price, it.PriceOnRequest, *want)
			}
		}
	}
}
