package payment_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
)

// A key used again with another amount, currency, token, authorization or
// for another kind of call is ErrKeyReused and changes nothing.
func TestSandboxSameKeyOtherParametersIsKeyReused(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardVisa)
	tok2 := tokenize(t, sb, payment.TestCardMastercard)
	a, err := sb.Authorize(ctx, "k/auth", tok.Token, usd(5000))
	if err != nil {
		t.Fatal(err)
	}
	a2, err := sb.Authorize(ctx, "k/auth2", tok.Token, usd(5000))
	if err != nil {
		t.Fatal(err)
	}
	c, err := sb.Capture(ctx, "k/capture", a.ID, usd(5000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Refund(ctx, "k/refund", c.ID, usd(100)); err != nil {
		t.Fatal(err)
	}

	reuses := map[string]func() error{
		"authorize, other amount": func() error { _, err := sb.Authorize(ctx, "k/auth", tok.Token, usd(5001)); return err },
		"authorize, other currency": func() error {
			_, err := sb.Authorize(ctx, "k/auth", tok.Token, models.Money{Minor: 5000, Currency: "EUR"})
			return err
		},
		"authorize, other token":        func() error { _, err := sb.Authorize(ctx, "k/auth", tok2.Token, usd(5000)); return err },
		"capture, other amount":         func() error { _, err := sb.Capture(ctx, "k/capture", a.ID, usd(4999)); return err },
		"capture, other authorization":  func() error { _, err := sb.Capture(ctx, "k/capture", a2.ID, usd(5000)); return err },
		"refund, other amount":          func() error { _, err := sb.Refund(ctx, "k/refund", c.ID, usd(101)); return err },
		"capture with an authorize key": func() error { _, err := sb.Capture(ctx, "k/auth", a.ID, usd(5000)); return err },
		"void with a capture key":       func() error { return sb.Void(ctx, "k/capture", a.ID) },
		"authorize with a refund key":   func() error { _, err := sb.Authorize(ctx, "k/refund", tok.Token, usd(100)); return err },
	}
	for name, call := range reuses {
		if err := call(); !errors.Is(err, payment.ErrKeyReused) {
			t.Errorf("%s: %v, want ErrKeyReused", name, err)
		}
	}
	for table, want := range map[string]int64{"authorizations": 2, "captures": 1, "refunds": 1, "operations": 4} {
		if n := count(t, db, table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
}
