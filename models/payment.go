package models

// PaymentMethod is how an order is paid (SPEC G2): a card by default, or a
// purchase order where the billing country allows it (G3a).
type PaymentMethod string

// The payment methods.
const (
	PayCard          PaymentMethod = "card"
	PayPurchaseOrder PaymentMethod = "purchase_order"
)

// Valid reports whether m is a known method.
func (m PaymentMethod) Valid() bool { return m == PayCard || m == PayPurchaseOrder }

// Brand is a card brand (SPEC G3).
type Brand string

// The card brands the product accepts.
const (
	BrandVisa       Brand = "visa"
	BrandMastercard Brand = "mastercard"
	BrandAmex       Brand = "amex"
	BrandDiscover   Brand = "discover"
	BrandJCB        Brand = "jcb"
)

// CardOnFile is all that is kept of a card (SPEC G4): the gateway's token,
// the brand, the last four digits and the expiry. Never the number or the
// security code.
type CardOnFile struct {
	Token    string `json:"token"`
	Brand    Brand  `json:"brand"`
	Last4    string `json:"last4"`
	ExpMonth int    `json:"exp_month"`
	ExpYear  int    `json:"exp_year"`
}

// PaymentChoice is the method chosen at checkout, with what it needs: the
// card on file, or the purchase order number (and an optional reference).
type PaymentChoice struct {
	Method      PaymentMethod `json:"method"`
	Card        *CardOnFile   `json:"card,omitempty"`
	PONumber    string        `json:"po_number,omitempty"`
	POReference string        `json:"po_reference,omitempty"`
}
