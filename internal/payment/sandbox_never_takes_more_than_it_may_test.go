package payment_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
)

// Capture takes at most the authorized amount, in its currency, once, and
// never from a voided authorization; refunds together never exceed the
// capture; void only releases an uncaptured authorization. A refused call
// changes nothing and leaves no ledger entry.
func TestSandboxNeverTakesMoreThanItMay(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardVisa)
	auth := func(key string) payment.Authorization {
		a, err := sb.Authorize(ctx, key, tok.Token, usd(10000))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := auth("a/authorize")
	voided := auth("v/authorize")
	if err := sb.Void(ctx, "v/void", voided.ID); err != nil {
		t.Fatal(err)
	}

	refused := []struct {
		name string
		call func() error
		want error
	}{
		{"capture above the authorization", func() error { _, err := sb.Capture(ctx, "a/capture/1", a.ID, usd(10001)); return err }, payment.ErrAmount},
		{"capture in another currency", func() error {
			_, err := sb.Capture(ctx, "a/capture/2", a.ID, models.Money{Minor: 100, Currency: "EUR"})
			return err
		}, payment.ErrAmount},
		{"capture of zero", func() error { _, err := sb.Capture(ctx, "a/capture/3", a.ID, usd(0)); return err }, payment.ErrAmount},
		{"capture of a negative amount", func() error { _, err := sb.Capture(ctx, "a/capture/4", a.ID, usd(-5)); return err }, payment.ErrAmount},
		{"authorize in an unknown currency", func() error {
			_, err := sb.Authorize(ctx, "x/authorize", tok.Token, models.Money{Minor: 100, Currency: "XXX"})
			return err
		}, payment.ErrAmount},
		{"capture of a voided authorization", func() error { _, err := sb.Capture(ctx, "v/capture", voided.ID, usd(100)); return err }, payment.ErrState},
		{"void of a voided authorization, new key", func() error { return sb.Void(ctx, "v/void/2", voided.ID) }, payment.ErrState},
	}
	for _, r := range refused {
		if err := r.call(); !errors.Is(err, r.want) {
			t.Errorf("%s: %v, want %v", r.name, err, r.want)
		}
	}

	c, err := sb.Capture(ctx, "a/capture", a.ID, usd(8000)) // partial: the rest is released
	if err != nil {
		t.Fatal(err)
	}
	after := []struct {
		name string
		call func() error
		want error
	}{
		{"a second capture", func() error { _, err := sb.Capture(ctx, "a/capture/again", a.ID, usd(1000)); return err }, payment.ErrState},
		{"void of a captured authorization", func() error { return sb.Void(ctx, "a/void", a.ID) }, payment.ErrState},
		{"refund above the capture", func() error { _, err := sb.Refund(ctx, "a/refund/1", c.ID, usd(8001)); return err }, payment.ErrAmount},
		{"refund in another currency", func() error {
			_, err := sb.Refund(ctx, "a/refund/2", c.ID, models.Money{Minor: 100, Currency: "JPY"})
			return err
		}, payment.ErrAmount},
	}
	for _, r := range after {
		if err := r.call(); !errors.Is(err, r.want) {
			t.Errorf("%s: %v, want %v", r.name, err, r.want)
		}
	}
	if _, err := sb.Refund(ctx, "a/refund/3", c.ID, usd(5000)); err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Refund(ctx, "a/refund/4", c.ID, usd(3001)); !errors.Is(err, payment.ErrAmount) {
		t.Fatalf("refunds above the capture together: %v, want ErrAmount", err)
	}
	if _, err := sb.Refund(ctx, "a/refund/5", c.ID, usd(3000)); err != nil {
		t.Fatalf("the rest of the capture: %v", err)
	}
	if _, err := sb.Refund(ctx, "a/refund/6", c.ID, usd(1)); !errors.Is(err, payment.ErrAmount) {
		t.Fatalf("a refund of a fully refunded capture: %v, want ErrAmount", err)
	}

	entries, err := sb.Ledger(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range entries {
		keys = append(keys, e.Key)
	}
	want := []string{"a/authorize", "a/capture", "a/refund/3", "a/refund/5", "v/authorize", "v/void"}
	if len(keys) != len(want) {
		t.Fatalf("ledger keys %v, want %v", keys, want)
	}
	for i := range want {
		if keys[i] != want[i] {
			t.Fatalf("ledger keys %v, want %v", keys, want)
		}
	}
	if n := count(t, db, "captures"); n != 1 {
		t.Fatalf("%d captures", n)
	}
}
