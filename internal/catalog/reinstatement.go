package catalog

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// ReinstatementParts are the S&S reinstatement parts of the products the
// descriptions name (the product name their descriptions share,
// models.CoverageStem), by part number, each once: what renews S&S that
// has lapsed (SPEC F2).
func ReinstatementParts(ctx context.Context, db *gorm.DB, descriptions []string) ([]string, error) {
	var out []string
	for _, d := range descriptions {
		stem := models.CoverageStem(d)
		var candidates []struct{ PartNumber, Description string }
		if err := db.WithContext(ctx).Raw(`SELECT part_number, description FROM products
			WHERE license_type = 'ss_reinstatement' AND starts_with(description, ?) ORDER BY part_number`, stem+" ").
			Scan(&candidates).Error; err != nil {
			return nil, fmt.Errorf("reinstatement part of %s: %w", stem, err)
		}
		for _, c := range candidates {
			if models.CoverageStem(c.Description) == stem && !slices.Contains(out, c.PartNumber) {
				out = append(out, c.PartNumber)
			}
		}
	}
	return out, nil
}
