package models

import "time"

// OrderStatus is where an order is in its process (SPEC G5–G8).
type OrderStatus string

// Order statuses. An order is submitted, then paid (a card authorised and
// captured, or a purchase order confirmed), fulfilled (coverage, Proof of
// Entitlement) and completed; or it ends cancelled (a purchase order
// rejected or expired, a declined payment never replaced) or refunded
// (paid, but fulfilment failed for good: the money went back).
const (
	OrderSubmitted       OrderStatus = "submitted"
	OrderPaymentDeclined OrderStatus = "payment_declined"
	OrderAwaitingPO      OrderStatus = "awaiting_po_confirmation"
	OrderPaid            OrderStatus = "paid"
	OrderFulfilled       OrderStatus = "fulfilled"
	OrderCompleted       OrderStatus = "completed"
	OrderCancelled       OrderStatus = "cancelled"
	OrderRefunded        OrderStatus = "refunded"
)

// Final reports whether the order's process is over.
func (s OrderStatus) Final() bool {
	return s == OrderCompleted || s == OrderCancelled || s == OrderRefunded
}

// OrderLine is a line of an order: a checkout line with the coverage it
// bought once fulfilled.
type OrderLine struct {
	CheckoutLine
	CoverageStart *time.Time `json:"coverage_start,omitempty"`
	CoverageEnd   *time.Time `json:"coverage_end,omitempty"`
}

// PaymentShown is how an order shows its payment: the brand and last four
// digits of the card, or the purchase order number.
type PaymentShown struct {
	Method      PaymentMethod `json:"method"`
	Brand       Brand         `json:"brand,omitempty"`
	Last4       string        `json:"last4,omitempty"`
	ExpMonth    int           `json:"exp_month,omitempty"`
	ExpYear     int           `json:"exp_year,omitempty"`
	PONumber    string        `json:"po_number,omitempty"`
	POReference string        `json:"po_reference,omitempty"`
}

// OrderView is an order as its customer sees it (SPEC G6, G7) and as the
// printable confirmation shows it.
type OrderView struct {
	Reference      string       `json:"reference"`
	Status         OrderStatus  `json:"status"`
	StatusReason   string       `json:"status_reason,omitempty"`
	SiteNumber     string       `json:"site_number"`
	SiteName       string       `json:"site_name"`
	CustomerNumber string       `json:"customer_number"`
	CustomerName   string       `json:"customer_name"`
	Buyer          string       `json:"buyer"`
	OrderedAt      time.Time    `json:"ordered_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
	Payment        PaymentShown `json:"payment"`
	Billing        Address      `json:"billing"`
	Shipping       Address      `json:"shipping"`
	Lines          []OrderLine  `json:"lines"`
	Total          Money        `json:"total"`
	QuoteNumbers   []string     `json:"quote_numbers,omitempty"`
	TermsVersion   string       `json:"terms_version"`
	// Documents are the Proofs of Entitlement issued for the order.
	Documents []string `json:"documents,omitempty"`
}

// PoEItem is a product a Proof of Entitlement entitles: its quantity,
// whether it is a licence (with S&S) or S&S alone, and the coverage.
type PoEItem struct {
	PartNumber    string    `json:"part_number"`
	Description   string    `json:"description"`
	Quantity      int64     `json:"quantity"`
	Entitlement   string    `json:"entitlement"` // "licence + S&S", "S&S renewal", "S&S reinstatement", "media"
	CoverageStart time.Time `json:"coverage_start"`
	CoverageEnd   time.Time `json:"coverage_end"`
}

// ProofOfEntitlement is the document an order issues (SPEC G8), with its
// own number (POE-<year>-<digits>).
type ProofOfEntitlement struct {
	Number          string    `json:"number"`
	IssuedAt        time.Time `json:"issued_at"`
	OrderReference  string    `json:"order_reference"`
	CustomerNumber  string    `json:"customer_number"`
	CustomerName    string    `json:"customer_name"`
	SiteNumber      string    `json:"site_number"`
	SiteName        string    `json:"site_name"`
	AgreementNumber string    `json:"agreement_number,omitempty"` // empty: an Express site
	Items           []PoEItem `json:"items"`
}
