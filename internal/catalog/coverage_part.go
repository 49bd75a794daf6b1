package catalog

import (
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// CoverageProductID is the product that S&S coverage of p is held on: p
// itself when it is an S&S renewal part, otherwise the renewal part of the
// same product (matched by the description's product name,
// models.CoverageStem), or p when the catalog has none. Fulfilment keeps
// coverage there; downloads and media look entitlement up there.
func CoverageProductID(db *gorm.DB, p models.Product) (int64, error) {
	if p.LicenseType == models.SSRenewal {
		return p.ID, nil
	}
	stem := models.CoverageStem(p.Description)
	var candidates []models.Product
	if err := db.Select("id", "description").
		Where("license_type = ? AND starts_with(description, ?)", models.SSRenewal, stem+" ").Order("id").
		Find(&candidates).Error; err != nil {
		return 0, fmt.Errorf("renewal part of %s: %w", p.PartNumber, err)
	}
	for _, c := range candidates {
		if models.CoverageStem(c.Description) == stem {
			return c.ID, nil
		}
	}
	return p.ID, nil
}
