package catalog

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Category is one catalog category with its number of products in all and
// per licence type (only the licence types it has), to build the search
// filters.
type Category struct {
	Name         string
	Count        int64
	LicenseTypes map[models.LicenseType]int64
}

// Categories lists every category, by name, with its counts: one pass
// over the catalog (the API caches it).
func Categories(ctx context.Context, db *gorm.DB) ([]Category, error) {
	var rows []struct {
		Category    string
		LicenseType models.LicenseType
		N           int64
	}
	err := db.WithContext(ctx).Raw(`SELECT category, license_type, count(*) AS n
		FROM products GROUP BY category, license_type ORDER BY category, license_type`).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("catalog categories: %w", err)
	}
	var out []Category
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].Name != r.Category {
			out = append(out, Category{Name: r.Category, LicenseTypes: map[models.LicenseType]int64{}})
		}
		c := &out[len(out)-1]
		c.Count += r.N
		c.LicenseTypes[r.LicenseType] = r.N
	}
	return out, nil
}
