package payment_test

import (
	"context"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// Every mutating call carries its idempotency key as Stripe's
// Idempotency-Key, with the configured secret key; the PaymentIntent asks
// for manual capture and confirmation; amounts go in minor units (JPY has
// none, IDR two) with the currency in lower case.
func TestStripeSendsTheIdempotencyKeyAndMinorUnits(t *testing.T) {
	ctx := context.Background()
	url, rec := recordingProxy(t, testenv.StripeMock(t))
	s := stripeAt(t, url)

	tok := tokenize(t, s, payment.TestCardVisa)
	jpy := models.Money{Minor: 5000, Currency: "JPY"}
	idr := models.Money{Minor: 150_000_000, Currency: "IDR"} // IDR 1,500,000
	a, err := s.Authorize(ctx, "order/J/payment/1/authorize", tok.Token, jpy)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Capture(ctx, "order/J/payment/1/capture", a.ID, jpy); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authorize(ctx, "order/I/payment/1/authorize", tok.Token, idr); err != nil {
		t.Fatal(err)
	}
	if err := s.Void(ctx, "order/I/payment/1/void", a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refund(ctx, "order/J/refund", "ch_123", models.Money{Minor: 700, Currency: "JPY"}); err != nil {
		t.Fatal(err)
	}

	want := []struct {
		path, key string
		form      map[string]string
	}{
		{"/v1/payment_methods", "", map[string]string{"type": "card", "card[number]": payment.TestCardVisa, "card[exp_month]": "12", "card[exp_year]": "2030", "card[cvc]": "123"}},
		{"/v1/payment_intents", "order/J/payment/1/authorize", map[string]string{
			"amount": "5000", "currency": "jpy", "payment_method": tok.Token, "capture_method": "manual", "confirm": "true", "payment_method_types[0]": "card"}},
		{"/v1/payment_intents/" + a.ID + "/capture", "order/J/payment/1/capture", map[string]string{"amount_to_capture": "5000"}},
		{"/v1/payment_intents", "order/I/payment/1/authorize", map[string]string{"amount": "150000000", "currency": "idr"}},
		{"/v1/payment_intents/" + a.ID + "/cancel", "order/I/payment/1/void", nil},
		{"/v1/refunds", "order/J/refund", map[string]string{"charge": "ch_123", "amount": "700"}},
	}
	seen := rec.requests()
	if len(seen) != len(want) {
		t.Fatalf("%d requests, want %d: %+v", len(seen), len(want), seen)
	}
	for i, w := range want {
		got := seen[i]
		if got.Method != "POST" || got.Path != w.path || got.Authorization != "Bearer sk_test_pao" {
			t.Errorf("request %d: %s %s (%q), want POST %s with the key", i, got.Method, got.Path, got.Authorization, w.path)
		}
		if w.key != "" && got.IdempotencyKey != w.key {
			t.Errorf("request %d (%s): Idempotency-Key %q, want %q", i, w.path, got.IdempotencyKey, w.key)
		}
		for k, v := range w.form {
			if got.Form.Get(k) != v {
				t.Errorf("request %d (%s): %s = %q, want %q", i, w.path, k, got.Form.Get(k), v)
			}
		}
	}
}
