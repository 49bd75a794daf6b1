package documents

import (
	"fmt"
	"strings"
	"time"

	"github.com/pao/pao/models"
)

// FormatMoney renders an amount for people: "USD 1,234.50", "JPY 120,000",
// "IDR 1,500,000" (rupiah are whole in practice). It is models.Money.String,
// named here so documents have one place that formats money.
func FormatMoney(m models.Money) string { return m.String() }

// FormatDate renders the day of t in UTC for people: "30 November 2026".
// The zero time is "—".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2 January 2006")
}

// FormatPeriod renders a coverage period, "1 December 2026 – 30 November
// 2027"; empty when neither end is known.
func FormatPeriod(start, end time.Time) string {
	if start.IsZero() && end.IsZero() {
		return ""
	}
	return FormatDate(start) + " – " + FormatDate(end)
}

// brandNames are the card brands as people call them.
var brandNames = map[models.Brand]string{
	models.BrandVisa:       "Visa",
	models.BrandMastercard: "Mastercard",
	models.BrandAmex:       "American Express",
	models.BrandDiscover:   "Discover",
	models.BrandJCB:        "JCB",
}

func brandName(b models.Brand) string {
	if n, ok := brandNames[b]; ok {
		return n
	}
	if b == "" {
		return "Card"
	}
	return string(b)
}

// lastFour keeps at most the last four characters of what an order says
// are the last four digits, so a document can never show more of a card.
func lastFour(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 4 {
		return string(r[len(r)-4:])
	}
	return s
}

// PaymentText says how an order is paid: "Visa ending 4242, expires
// 12/2028", or "Purchase order PO-77 (reference ACME-1)".
func PaymentText(p models.PaymentShown) string {
	switch p.Method {
	case models.PayCard:
		s := brandName(p.Brand) + " ending " + lastFour(p.Last4)
		if p.ExpMonth > 0 && p.ExpYear > 0 {
			s += fmt.Sprintf(", expires %02d/%d", p.ExpMonth, p.ExpYear)
		}
		return s
	case models.PayPurchaseOrder:
		s := "Purchase order " + p.PONumber
		if p.POReference != "" {
			s += " (reference " + p.POReference + ")"
		}
		return s
	case "":
		return "—"
	default:
		return string(p.Method)
	}
}

// licenseTypes name the kinds of a line as people call them.
var licenseTypes = map[string]string{
	"license_ss":       "Licence + S&S",
	"ss_renewal":       "S&S renewal",
	"ss_reinstatement": "S&S reinstatement",
	"media":            "Media",
}

func licenseTypeName(t string) string {
	if n, ok := licenseTypes[t]; ok {
		return n
	}
	return t
}

// statusNames name the order statuses as people call them.
var statusNames = map[models.OrderStatus]string{
	models.OrderSubmitted:       "Submitted",
	models.OrderPaymentDeclined: "Payment declined",
	models.OrderAwaitingPO:      "Awaiting purchase order confirmation",
	models.OrderPaid:            "Paid",
	models.OrderFulfilled:       "Fulfilled",
	models.OrderCompleted:       "Completed",
	models.OrderCancelled:       "Cancelled",
	models.OrderRefunded:        "Refunded",
}

func statusName(s models.OrderStatus) string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return string(s)
}

// addressLines are the lines of an address as printed, empty parts left
// out: name, company, street, "postal code city region", country, email,
// phone.
func addressLines(a models.Address) []string {
	var out []string
	add := func(parts ...string) {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		if len(kept) > 0 {
			out = append(out, strings.Join(kept, " "))
		}
	}
	add(a.Name)
	add(a.Company)
	add(a.Line1)
	add(a.Line2)
	add(a.PostalCode, a.City, a.Region)
	add(a.Country)
	add(a.Email)
	add(a.Phone)
	return out
}
