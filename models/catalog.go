package models

import (
	"slices"
	"time"
)

// LicenseType is the kind of catalog item (SPEC E1).
type LicenseType string

// Licence types.
const (
	LicenseAndSS     LicenseType = "license_ss"
	SSRenewal        LicenseType = "ss_renewal"
	SSReinstatement  LicenseType = "ss_reinstatement"
	LicenseTypeMedia LicenseType = "media"
)

// LicenseTypes are the licence types in their display order.
var LicenseTypes = []LicenseType{LicenseAndSS, SSRenewal, SSReinstatement, LicenseTypeMedia}

// Valid reports whether t is one of the licence types.
func (t LicenseType) Valid() bool { return slices.Contains(LicenseTypes, t) }

// PriceLevelExpress is the single price level of Passport Advantage Express
// sites (A1), which have no agreement and so no volume level; it is the
// list price.
const PriceLevelExpress = "EXPRESS"

// SearchVector is a tsvector PostgreSQL generates (products.search,
// migration 00006); the catalog search queries it in SQL, GORM never reads
// or writes it.
type SearchVector string

// Product is a catalog item.
type Product struct {
	ID          int64 `gorm:"primaryKey"`
	PartNumber  string
	Description string
	Category    string
	LicenseType LicenseType
	CreatedAt   time.Time
	// Search is generated from the part number and description.
	Search SearchVector `gorm:"->:false;<-:false"`
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
	// StartDate..EndDate is the period covered (days inclusive); a row
	// written without a start gets a year up to its end (migration 00014).
	StartDate time.Time `gorm:"type:date;default:null"`
	EndDate   time.Time `gorm:"type:date"`
	// OrderID is the order that last created or extended it; nil for
	// seeded coverage.
	OrderID   *int64
	CreatedAt time.Time
	UpdatedAt time.Time
}
