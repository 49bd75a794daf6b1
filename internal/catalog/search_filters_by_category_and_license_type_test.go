package catalog_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// Category and licence type filter alone, together and with text: every
// item passes them, and none that passes is missing.
func TestSearchFiltersByCategoryAndLicenseType(t *testing.T) {
	t.Parallel()
	db := generated(t, 1200)
	for _, q := range []catalog.Query{
		{Category: "Security"},
		{LicenseType: models.SSRenewal},
		{LicenseType: models.LicenseTypeMedia},
		{Category: "Infrastructure", LicenseType: models.SSReinstatement},
		{Text: "websph", Category: "Infrastructure"},
		{Text: "ibm", LicenseType: models.LicenseAndSS},
		{Text: "db2", Category: "Data & AI", LicenseType: models.SSRenewal},
		{Category: "No Such Category"},
	} {
		q.Limit, q.Currency, q.PriceLevel = 100, "EUR", "E"
		var want []string
		sql := "SELECT part_number, description FROM products WHERE (? = '' OR category = ?) AND (? = '' OR license_type = ?)"
		var rows []struct{ PartNumber, Description string }
		if err := db.Raw(sql, q.Category, q.Category, q.LicenseType, q.LicenseType).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if matches(q.Text, r.PartNumber, r.Description) {
				want = append(want, r.PartNumber)
			}
		}
		items, _ := everyPage(t, db, q, 100)
		for _, it := range items {
			if (q.Category != "" && it.Category != q.Category) || (q.LicenseType != "" && it.LicenseType != q.LicenseType) {
				t.Errorf("%+v: item %+v does not pass the filters", q, it)
			}
		}
		got := parts(items)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%+v: %d items, want %d", q, len(got), len(want))
		}
		if q.Category != "No Such Category" && len(want) == 0 {
			t.Errorf("%+v: the fixture has no match", q)
		}
	}
}
