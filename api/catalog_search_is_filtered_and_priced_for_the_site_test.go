package api_test

import (
	"net/url"
	"strings"
	"testing"
)

// GET /v1/sites/:site/catalog searches by text (a prefix finds the word),
// category and licence type, and prices every item in the site's currency
// at its price level: 300001 in USD at its agreement's level E, 300301 in
// GBP at BL, the Express site 400001 in IDR at EXPRESS; a product without
// a price there is listed as price on request.
func TestCatalogSearchIsFilteredAndPricedForTheSite(t *testing.T) {
	t.Parallel()
	a := startCatalog(t)
	db := a.Runtime.DB

	p := getCatalog(t, a, alice, acmeSite+"/catalog?q=websph&limit=50")
	if p.SiteNumber != "300001" || p.Currency != "USD" || p.PriceLevel != "E" || len(p.Items) == 0 {
		t.Fatalf("q=websph: %+v", p)
	}
	for _, it := range p.Items {
		if !strings.Contains(strings.ToLower(it.PartNumber+" "+it.Description), "websph") {
			t.Errorf("q=websph: %s %q", it.PartNumber, it.Description)
		}
	}
	for _, q := range []string{"category=" + url.QueryEscape("Data & AI"), "license_type=ss_renewal", "category=Security&license_type=media", "q=db2&license_type=license_ss"} {
		p := getCatalog(t, a, alice, acmeSite+"/catalog?limit=100&"+q)
		v, _ := url.ParseQuery(q)
		if len(p.Items) == 0 {
			t.Errorf("%s: no item", q)
		}
		for _, it := range p.Items {
			if (v.Get("category") != "" && it.Category != v.Get("category")) || (v.Get("license_type") != "" && it.LicenseType != v.Get("license_type")) {
				t.Errorf("%s: item %+v", q, it)
			}
		}
	}

	// Prices per site: currency and level, and price on request.
	for _, c := range []struct{ who, site, currency, level string }{
		{alice, "300001", "USD", "E"}, {ian, "300301", "GBP", "BL"}, {made, "400001", "IDR", "EXPRESS"},
	} {
		var holes []string // generated parts priced in USD but not in this currency at this level
		if err := db.Raw(`SELECT p.part_number FROM products p
			WHERE NOT EXISTS (SELECT 1 FROM prices x WHERE x.product_id = p.id AND x.currency = ? AND x.price_level = ?)
			ORDER BY p.part_number LIMIT 3`, c.currency, c.level).Scan(&holes).Error; err != nil || len(holes) == 0 {
			t.Fatalf("%s: no product on request in the fixture (%v)", c.site, err)
		}
		page := getCatalog(t, a, c.who, "/v1/sites/"+c.site+"/catalog?q="+holes[0])
		if page.Currency != c.currency || page.PriceLevel != c.level || len(page.Items) != 1 {
			t.Fatalf("%s q=%s: %+v", c.site, holes[0], page)
		}
		if it := page.Items[0]; it.Price != nil || !it.PriceOnRequest || it.PriceDisplay != "price on request" {
			t.Errorf("%s %s: price %+v on request %v %q; want price on request", c.site, it.PartNumber, it.Price, it.PriceOnRequest, it.PriceDisplay)
		}
		browse := getCatalog(t, a, c.who, "/v1/sites/"+c.site+"/catalog?category=Storage&limit=30")
		priced := 0
		for _, it := range browse.Items {
			if it.Price == nil {
				continue
			}
			priced++
			var want int64
			if err := db.Raw(`SELECT x.unit_minor FROM prices x JOIN products p ON p.id = x.product_id
				WHERE p.part_number = ? AND x.currency = ? AND x.price_level = ?`, it.PartNumber, c.currency, c.level).Scan(&want).Error; err != nil {
				t.Fatal(err)
			}
			if it.Price.AmountMinor != want || it.Price.Currency != c.currency || it.PriceOnRequest || !strings.HasPrefix(it.PriceDisplay, c.currency+" ") {
				t.Errorf("%s %s: %+v %q, want %d %s", c.site, it.PartNumber, it.Price, it.PriceDisplay, want, c.currency)
			}
		}
		if priced < 20 {
			t.Errorf("%s: only %d of %d Storage items priced", c.site, priced, len(browse.Items))
		}
	}
}
