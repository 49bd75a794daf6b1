package models

import "time"

// Address is a billing or shipping party of a checkout (SPEC G1): who,
// which company, where, and how to reach them. Country is ISO 3166-1
// alpha-2.
type Address struct {
	Name       string `json:"name"`
	Company    string `json:"company"`
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
}

// Line kinds of a checkout or an order: a catalog item bought at the
// site's price now, or a line of a quote at its locked price.
const (
	LineCatalog = "catalog"
	LineQuote   = "quote"
)

// CheckoutLine is one priced line of a checkout's snapshot of the cart;
// an order copies them (its prices are locked from here on). LicenseType
// says what fulfilment does: license_ss creates a licence with S&S,
// ss_renewal extends coverage, ss_reinstatement reinstates it, media ships.
type CheckoutLine struct {
	LineNo       int    `json:"line_no"`
	Kind         string `json:"kind"`
	ProductID    int64  `json:"product_id"`
	PartNumber   string `json:"part_number"`
	Description  string `json:"description"`
	LicenseType  string `json:"license_type"`
	Quantity     int64  `json:"quantity"`
	UnitPrice    Money  `json:"unit_price"`
	DiscountBP   int    `json:"discount_bp"`
	LineTotal    Money  `json:"line_total"`
	QuoteNumber  string `json:"quote_number,omitempty"`
	QuoteVersion int    `json:"quote_version,omitempty"`
}

// TermsAcceptance records who accepted which version of the terms, when,
// and from which client address (SPEC G1).
type TermsAcceptance struct {
	Version    string    `json:"version"`
	AcceptedBy string    `json:"accepted_by"`
	AcceptedAt time.Time `json:"accepted_at"`
	ClientIP   string    `json:"client_ip"`
}

// CheckoutSnapshot is a checkout ready to become an order: everything the
// order process needs, read in one transaction.
type CheckoutSnapshot struct {
	ID       int64           `json:"id"`
	SiteID   int64           `json:"site_id"`
	UserID   int64           `json:"user_id"`
	Currency string          `json:"currency"`
	Lines    []CheckoutLine  `json:"lines"`
	Total    Money           `json:"total"`
	Billing  Address         `json:"billing"`
	Shipping Address         `json:"shipping"`
	Terms    TermsAcceptance `json:"terms"`
	Payment  PaymentChoice   `json:"payment"`
}
