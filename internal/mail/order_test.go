package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
)

// orderTemplates are the notices the order workflow renders.
var orderTemplates = []string{"order_confirmation", "order_poe", "order_payment_declined", "order_po_awaiting",
	"order_po_reminder", "order_cancelled", "order_refunded"}

func orderData() mail.OrderData {
	return mail.OrderData{
		Reference: "ORD-2026-000042", Status: "completed", Reason: "the card was declined: <insufficient funds>",
		SiteNumber: "300001", SiteName: "Acme <Austin>", CustomerNumber: "1000001", CustomerName: "Acme Corporation",
		Buyer: "alice@acme.example.com", OrderedAt: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		Payment: "Visa ending 4242, expires 12/2029", Total: "USD 2,280.00",
		Lines: []mail.OrderLineData{{PartNumber: "E0R50LL", Description: "IBM Db2 renewal", Quantity: 1,
			UnitPrice: "USD 2,533.33", Discount: "10%", Total: "USD 2,280.00", Coverage: "1 December 2026 – 30 June 2027"}},
		Expires: time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC),
		Document: &mail.PoEData{Number: "POE-2026-000007", IssuedAt: time.Date(2026, 11, 30, 9, 5, 0, 0, time.UTC),
			AgreementNumber: "2000001", Items: []mail.PoEItemData{{PartNumber: "E0R50LL", Description: "IBM Db2 renewal",
				Entitlement: "S&S renewal", Coverage: "1 December 2026 – 30 June 2027", Quantity: 1}}},
	}
}

// Every order template renders a one-line subject naming the order (the
// PoE's names its number), text and HTML with no missing field, and the
// HTML escapes what people typed.
func TestEveryOrderTemplateRenders(t *testing.T) {
	for _, name := range orderTemplates {
		m, err := mail.Render(name, orderData())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for part, s := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
			if strings.TrimSpace(s) == "" || strings.Contains(s, "<no value>") {
				t.Errorf("%s %s: %q", name, part, s)
			}
		}
		if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "ORD-2026-000042") {
			t.Errorf("%s subject %q", name, m.Subject)
		}
		if strings.Contains(m.HTML, "<Austin>") || strings.Contains(m.HTML, "<insufficient funds>") {
			t.Errorf("%s: HTML does not escape what people typed", name)
		}
	}
}

// The IBM side's notices link to the staff page of the order, the
// customer's to theirs.
func TestPurchaseOrderNoticesLinkTheStaffPage(t *testing.T) {
	for name, want := range map[string]string{
		"order_po_awaiting": "/v1/staff/orders/ORD-2026-000042", "order_po_reminder": "/v1/staff/orders/ORD-2026-000042",
		"order_payment_declined": "/v1/orders/ORD-2026-000042", "order_cancelled": "/v1/orders/ORD-2026-000042",
	} {
		m, err := mail.Render(name, orderData())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, want) {
			t.Errorf("%s links %q, want %s", name, m.Text, want)
		}
	}
}

// A line with a discount says so, so the line's arithmetic adds up.
func TestOrderLinesShowTheirDiscount(t *testing.T) {
	m, err := mail.Render("order_confirmation", orderData())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "1 x USD 2,533.33 less 10% = USD 2,280.00") || !strings.Contains(m.HTML, "<td>10%</td>") {
		t.Fatalf("the discount is missing:\n%s\n%s", m.Text, m.HTML)
	}
}

// A cancelled order's email does not promise the cart is as it was (its
// lines left the cart at checkout).
func TestCancelledOrderEmailSaysHowToOrderAgain(t *testing.T) {
	m, err := mail.Render("order_cancelled", orderData())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.Text, "as they were") || !strings.Contains(m.Text, "add the items") {
		t.Fatalf("cancelled email: %s", m.Text)
	}
}
