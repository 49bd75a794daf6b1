package catalog

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// SitePricing is what a site pays in: its currency (sites.currency) and its
// price level, the volume level of its agreement, or models.PriceLevelExpress
// for an Express site, which has no agreement. ErrSiteNotFound when there
// is no such site.
func SitePricing(ctx context.Context, db *gorm.DB, siteID int64) (currency, level string, err error) {
	var row struct {
		Currency string
		Level    string
	}
	err = db.WithContext(ctx).Raw(`SELECT s.currency, COALESCE(a.volume_level, ?) AS level
		FROM sites s LEFT JOIN agreements a ON a.id = s.agreement_id
		WHERE s.id = ?`, models.PriceLevelExpress, siteID).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return "", "", fmt.Errorf("pricing of site id %d: %w", siteID, ErrSiteNotFound)
	case err != nil:
		return "", "", fmt.Errorf("pricing of site id %d: %w", siteID, err)
	}
	return row.Currency, row.Level, nil
}

// Prices are the unit prices of the products in currency at level, by
// product id. A product without a price there is absent from the map: its
// price is on request (a quote is needed).
func Prices(ctx context.Context, db *gorm.DB, currency, level string, productIDs []int64) (map[int64]models.Money, error) {
	out := make(map[int64]models.Money, len(productIDs))
	if len(productIDs) == 0 {
		return out, nil
	}
	var rows []models.Price
	err := db.WithContext(ctx).Where("currency = ? AND price_level = ? AND product_id IN ?", currency, level, productIDs).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("prices in %s at level %s: %w", currency, level, err)
	}
	for _, r := range rows {
		out[r.ProductID] = models.Money{Minor: r.UnitMinor, Currency: r.Currency}
	}
	return out, nil
}
