package payment_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// Against stripe-mock every call goes through: a card PaymentMethod with
// the brand and last four of the card sent, a PaymentIntent authorized,
// captured (with its charge), refunded, and another voided.
func TestStripeCallsSucceedAgainstStripeMock(t *testing.T) {
	ctx := context.Background()
	s := stripeAt(t, testenv.StripeMock(t))
	var g payment.Gateway = s

	tok, err := g.Tokenize(ctx, payment.Card{Number: "3782 822463 10005", ExpMonth: 3, ExpYear: 2031, CVC: "1234"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok.Token, "pm_") || tok.Brand != models.BrandAmex || tok.Last4 != "0005" || tok.ExpMonth != 3 || tok.ExpYear != 2031 {
		t.Fatalf("token %+v", tok)
	}
	amount := models.Money{Minor: 123456, Currency: "EUR"}
	a, err := g.Authorize(ctx, "order/S/payment/1/authorize", tok.Token, amount)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.ID, "pi_") || a.Amount != amount {
		t.Fatalf("authorization %+v", a)
	}
	c, err := g.Capture(ctx, "order/S/payment/1/capture", a.ID, amount)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == "" || c.AuthorizationID == "" || c.Amount != amount {
		t.Fatalf("capture %+v", c)
	}
	r, err := g.Refund(ctx, "order/S/refund", c.ID, models.Money{Minor: 1000, Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.ID, "re_") || r.CaptureID != c.ID {
		t.Fatalf("refund %+v", r)
	}
	if _, err := g.Refund(ctx, "order/S/refund/pi", a.ID, models.Money{Minor: 1000, Currency: "EUR"}); err != nil {
		t.Fatalf("refund by PaymentIntent: %v", err)
	}
	if err := g.Void(ctx, "order/T/payment/1/void", a.ID); err != nil {
		t.Fatal(err)
	}
}
