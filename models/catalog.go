package models

import "time"

// LicenseType is the kind of catalog item (SPEC E1).
type LicenseType string

// Licence types.
const (
	LicenseAndSS     LicenseType = "license_ss"
	SSRenewal        LicenseType = "ss_renewal"
	SSReinstatement  LicenseType = "ss_reinstatement"
	LicenseTypeMedia LicenseType = "media"
)

// Product is a catalog item.
type Product struct {
	ID          int64 `gorm:"primaryKey"`
	PartNumber  string
	Description string
	Category    string
	LicenseType LicenseType
	CreatedAt   time.Time
}

// Price is a product's unit price in minor units per currency and price level.
type Price struct {
	ProductID  int64  `gorm:"primaryKey"`
	Currency   string `gorm:"primaryKey"`
	PriceLevel string `gorm:"primaryKey"`
	UnitMinor  int64
}

// Coverage is S&S coverage of a product on a site (SPEC F1).
type Coverage struct {
	ID        int64 `gorm:"primaryKey"`
	SiteID    int64
	ProductID int64
	Quantity  int
	EndDate   time.Time `gorm:"type:date"`
	CreatedAt time.Time
	UpdatedAt time.Time
}
