package models

import "time"

// Cart is a user's saved cart on a site (SPEC E3): one per user per site.
type Cart struct {
	ID        int64 `gorm:"primaryKey"`
	SiteID    int64
	UserID    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CartLine is a catalog item in a cart with the unit price it was added
// at (nil: price on request then), so a later change can be shown.
type CartLine struct {
	ID             int64 `gorm:"primaryKey"`
	CartID         int64
	ProductID      int64
	Quantity       int64
	AddedUnitMinor *int64
	AddedCurrency  string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// CartQuote is a quote in a cart: one group with all the lines of the
// quote's current version. AddedVersion is the version current when added.
type CartQuote struct {
	ID           int64 `gorm:"primaryKey"`
	CartID       int64
	QuoteID      int64
	AddedVersion int
	CreatedAt    time.Time
}
