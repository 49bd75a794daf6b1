package catalog_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// A site pays in its currency at its agreement's volume level; an Express
// site, which has no agreement, at EXPRESS; no such site is
// ErrSiteNotFound.
func TestSitePricingIsTheSitesCurrencyAndAgreementLevel(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	for site, want := range map[string][2]string{
		"300001": {"USD", "E"}, "300002": {"EUR", "E"}, "300101": {"IDR", "D"}, "300201": {"IDR", "GV"},
		"300301": {"GBP", "BL"}, "400001": {"IDR", models.PriceLevelExpress},
	} {
		id := column[int64](t, db, "SELECT id FROM sites WHERE site_number = ?", site)[0]
		cur, lv, err := catalog.SitePricing(ctx, db, id)
		if err != nil || cur != want[0] || lv != want[1] {
			t.Errorf("site %s: %s %s %v, want %v", site, cur, lv, err, want)
		}
	}
	if _, _, err := catalog.SitePricing(ctx, db, 987654321); !errors.Is(err, catalog.ErrSiteNotFound) {
		t.Errorf("no such site: %v", err)
	}
}

// Prices maps each product priced in the currency at the level to its
// unit price; a product without one is absent (price on request); no
// product, no query and an empty map.
func TestPricesAreByProductInTheCurrencyAndLevel(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	ids := insert(t, db,
		product{part: "D0PX1LL", desc: "IBM One", category: "Security", lt: models.LicenseAndSS, prices: map[string]int64{"USD/E": 100, "USD/GV": 90, "EUR/E": 95}},
		product{part: "D0PX2LL", desc: "IBM Two", category: "Security", lt: models.LicenseAndSS, prices: map[string]int64{"EUR/E": 10}},
	)
	got, err := catalog.Prices(ctx, db, "USD", "E", []int64{ids["D0PX1LL"], ids["D0PX2LL"], 987654321})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[ids["D0PX1LL"]] != (models.Money{Minor: 100, Currency: "USD"}) {
		t.Errorf("USD/E: %v", got)
	}
	got, err = catalog.Prices(ctx, db, "EUR", "E", []int64{ids["D0PX1LL"], ids["D0PX2LL"]})
	if err != nil || len(got) != 2 || got[ids["D0PX2LL"]] != (models.Money{Minor: 10, Currency: "EUR"}) {
		t.Errorf("EUR/E: %v %v", got, err)
	}
	if got, err := catalog.Prices(ctx, db, "USD", "E", nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("no products: %v %v", got, err)
	}
}
