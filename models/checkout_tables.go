package models

import "time"

// Terms is a version of the terms and conditions (SPEC G1); the current
// one is the latest published (migration 00010).
type Terms struct {
	Version     string `gorm:"primaryKey"`
	Text        string
	PublishedAt time.Time
}

// TableName pins the table name.
func (Terms) TableName() string { return "terms" }

// PaymentMethodByCountry offers a payment method for a billing country
// (SPEC G3a); one method per country is the default.
type PaymentMethodByCountry struct {
	Country   string        `gorm:"primaryKey"`
	Method    PaymentMethod `gorm:"primaryKey"`
	IsDefault bool
}

// TableName pins the table name.
func (PaymentMethodByCountry) TableName() string { return "payment_methods_by_country" }

// Checkout is a checkouts row (internal/checkout writes it): the snapshot
// of a cart being checked out, its parties (JSON of Address), the terms
// accepted and the payment method chosen. Of a card only the gateway's
// token, brand, last four digits and expiry (SPEC G4). TermsClientIP is
// an INET column, read as text.
type Checkout struct {
	ID                    int64 `gorm:"primaryKey"`
	SiteID                int64
	UserID                int64
	Status                CheckoutStatus
	Currency              string
	TotalMinor            int64
	Billing               JSON
	Shipping              JSON
	ShippingSameAsBilling bool
	TermsVersion          *string
	TermsAcceptedAt       *time.Time
	TermsAcceptedBy       *string
	TermsClientIP         *string `gorm:"column:terms_client_ip"`
	PaymentMethod         *PaymentMethod
	CardToken             *string
	CardBrand             *Brand
	CardLast4             *string `gorm:"column:card_last4"`
	CardExpMonth          *int
	CardExpYear           *int
	PONumber              *string `gorm:"column:po_number"`
	POReference           *string `gorm:"column:po_reference"`
	OrderRef              *string
	CreatedAt             time.Time
	UpdatedAt             time.Time
}

// CheckoutLineRow is a checkout_lines row: a CheckoutLine as stored, with
// the quote it comes from (nil for a catalog line).
type CheckoutLineRow struct {
	CheckoutID     int64 `gorm:"primaryKey"`
	LineNo         int   `gorm:"primaryKey"`
	Kind           string
	ProductID      int64
	PartNumber     string
	Description    string
	LicenseType    string
	Quantity       int64
	UnitMinor      int64
	Currency       string
	DiscountBP     int `gorm:"column:discount_bp"`
	LineTotalMinor int64
	QuoteID        *int64
	QuoteNumber    *string
	QuoteVersion   *int
}

// TableName pins the table name.
func (CheckoutLineRow) TableName() string { return "checkout_lines" }

// Line is the row as a CheckoutLine.
func (l CheckoutLineRow) Line() CheckoutLine {
	out := CheckoutLine{
		LineNo: l.LineNo, Kind: l.Kind, ProductID: l.ProductID, PartNumber: l.PartNumber, Description: l.Description,
		LicenseType: l.LicenseType, Quantity: l.Quantity, UnitPrice: Money{Minor: l.UnitMinor, Currency: l.Currency},
		DiscountBP: l.DiscountBP, LineTotal: Money{Minor: l.LineTotalMinor, Currency: l.Currency},
	}
	if l.QuoteNumber != nil {
		out.QuoteNumber = *l.QuoteNumber
	}
	if l.QuoteVersion != nil {
		out.QuoteVersion = *l.QuoteVersion
	}
	return out
}
