package catalog_test

import (
	"testing"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// Categories lists every category once, by name, with its product count
// in all and per licence type, as the table holds them.
func TestCategoriesCountPerLicenseType(t *testing.T) {
	t.Parallel()
	db := generated(t, 800)
	cats, err := catalog.Categories(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Category    string
		LicenseType models.LicenseType
		N           int64
	}
	if err := db.Raw("SELECT category, license_type, count(*) AS n FROM products GROUP BY 1, 2").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	want := map[string]map[models.LicenseType]int64{}
	for _, r := range rows {
		if want[r.Category] == nil {
			want[r.Category] = map[models.LicenseType]int64{}
		}
		want[r.Category][r.LicenseType] = r.N
	}
	if len(cats) != len(want) || len(cats) < 8 {
		t.Fatalf("%d categories, want %d (>= 8)", len(cats), len(want))
	}
	for i, c := range cats {
		if i > 0 && cats[i-1].Name >= c.Name {
			t.Errorf("%q after %q", c.Name, cats[i-1].Name)
		}
		var sum int64
		for lt, n := range c.LicenseTypes {
			sum += n
			if want[c.Name][lt] != n {
				t.Errorf("%s %s: %d, want %d", c.Name, lt, n, want[c.Name][lt])
			}
		}
		if sum != c.Count || len(c.LicenseTypes) != len(want[c.Name]) {
			t.Errorf("%s: count %d, per type %v; want %v", c.Name, c.Count, c.LicenseTypes, want[c.Name])
		}
	}
}
