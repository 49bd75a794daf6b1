package models

import (
	"time"

	"github.com/lib/pq"
)

// OrderSubmission is an order_submissions row: the Idempotency-Key a user
// submitted an order with, what the request was (its hash) and the
// reference allocated for it (migration 00011).
type OrderSubmission struct {
	UserID         int64  `gorm:"primaryKey"`
	IdempotencyKey string `gorm:"primaryKey"`
	SiteID         int64
	RequestHash    string
	Reference      string
	CreatedAt      time.Time
}

// Order is an orders row, written by the order workflow at every
// transition (activities.Orders). Of a card only brand, last four and
// expiry (SPEC G4); Billing and Shipping are JSON of Address.
type Order struct {
	ID             int64 `gorm:"primaryKey"`
	Reference      string
	SiteID         int64
	CustomerID     int64
	BuyerID        int64
	CheckoutID     int64
	Status         OrderStatus
	StatusReason   string
	Currency       string
	TotalMinor     int64
	PaymentMethod  PaymentMethod
	PaymentAttempt int
	CardBrand      string
	CardLast4      string `gorm:"column:card_last4"`
	CardExpMonth   *int
	CardExpYear    *int
	PONumber       string `gorm:"column:po_number"`
	POReference    string `gorm:"column:po_reference"`
	Billing        JSON
	Shipping       JSON
	TermsVersion   string
	QuoteNumbers   pq.StringArray `gorm:"type:text[]"`
	WorkflowID     string
	RunID          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OrderLineRow is an order_lines row: a line at its locked price and the
// coverage period fulfilment gave it.
type OrderLineRow struct {
	OrderID        int64 `gorm:"primaryKey"`
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
	QuoteNumber    string
	QuoteVersion   int
	CoverageStart  *time.Time `gorm:"type:date"`
	CoverageEnd    *time.Time `gorm:"type:date"`
}

// TableName pins the table name.
func (OrderLineRow) TableName() string { return "order_lines" }

// OrderPayment is an order_payments row: one payment step of an order as
// the product recorded it, keyed by its idempotency key.
type OrderPayment struct {
	ID             int64 `gorm:"primaryKey"`
	OrderID        int64
	Attempt        int
	Step           string
	IdempotencyKey string
	Outcome        string
	GatewayID      string
	AmountMinor    int64
	Currency       string
	DeclineCode    string
	Reason         string
	Actor          string
	At             time.Time
}

// Document is a documents row: a Proof of Entitlement as issued (Content
// is JSON of ProofOfEntitlement).
type Document struct {
	ID         int64 `gorm:"primaryKey"`
	Number     string
	Kind       string
	SiteID     int64
	CustomerID int64
	OrderID    int64
	IssuedAt   time.Time
	Content    JSON
}
