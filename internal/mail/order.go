package mail

import (
	"time"
)

// OrderData is what the order templates (templates/order.tmpl) show: the
// order as its customer sees it (amounts already written for people, e.g.
// "USD 1,234.56"), its Proof of Entitlement once issued, and a reason for
// a decline, a cancellation or a refund.
type OrderData struct {
	Reference      string
	Status         string
	Reason         string
	SiteNumber     string
	SiteName       string
	CustomerNumber string
	CustomerName   string
	Buyer          string
	OrderedAt      time.Time
	Payment        string // "Visa ending 4242 (expires 12/2030)" or "purchase order PO-1 (ref X)"
	Lines          []OrderLineData
	Total          string
	// Expires is when a declined order or an unconfirmed purchase order is
	// cancelled (zero: not waiting).
	Expires  time.Time
	Document *PoEData
}

// OrderLineData is an order line as an email shows it.
type OrderLineData struct {
	PartNumber, Description string
	Quantity                int64
	UnitPrice, Total        string
	Discount                string // "" without one, else e.g. "10%"
	Coverage                string // "1 December 2026 – 30 June 2027", or ""
}

// PoEData is a Proof of Entitlement as an email shows it.
type PoEData struct {
	Number          string
	IssuedAt        time.Time
	AgreementNumber string
	Items           []PoEItemData
}

// PoEItemData is one entitled product.
type PoEItemData struct {
	PartNumber, Description, Entitlement, Coverage string
	Quantity                                       int64
}

// Link is the order's page in the API.
func (d OrderData) Link() string { return "/v1/orders/" + d.Reference }

// StaffLink is the order's page for the IBM side (purchase order decisions).
func (d OrderData) StaffLink() string { return "/v1/staff/orders/" + d.Reference }

// ConfirmationLink is the printable confirmation.
func (d OrderData) ConfirmationLink() string { return "/v1/orders/" + d.Reference + "/confirmation" }

// OrderedAtText is when the order was placed, for people.
func (d OrderData) OrderedAtText() string { return HumanTime(d.OrderedAt) }

// ExpiresText is when the wait ends, for people.
func (d OrderData) ExpiresText() string { return HumanTime(d.Expires) }

// IssuedAtText is when the PoE was issued, for people.
func (d PoEData) IssuedAtText() string { return HumanTime(d.IssuedAt) }

// AgreementText names the agreement, or says the site is Express.
func (d PoEData) AgreementText() string {
	if d.AgreementNumber == "" {
		return "Passport Advantage Express"
	}
	return "agreement " + d.AgreementNumber
}
