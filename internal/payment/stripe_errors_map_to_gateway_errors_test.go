package payment_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// Stripe's errors become the gateway's: a card_error is a *Declined with
// the decline code (or the error code), processing_error and every answer
// to retry (5xx, 429, 409, no answer) is ErrUnavailable, an
// idempotency_error is ErrKeyReused, a missing object ErrNotFound, an
// unexpected state ErrState, a refused amount ErrAmount; a message that
// quotes a card number is masked.
func TestStripeErrorsMapToGatewayErrors(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		decline string // the *Declined code, or
		want    error  // the gateway error (nil: none of them)
	}{
		{"insufficient funds", 402, `{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}`, payment.DeclineInsufficientFunds, nil},
		{"stolen card", 402, `{"error":{"type":"card_error","code":"card_declined","decline_code":"stolen_card","message":"Your card was declined."}}`, payment.DeclineStolenCard, nil},
		{"incorrect cvc", 402, `{"error":{"type":"card_error","code":"incorrect_cvc","message":"Your card's security code is incorrect."}}`, payment.DeclineIncorrectCVC, nil},
		{"expired card", 402, `{"error":{"type":"card_error","code":"expired_card","message":"Your card has expired."}}`, payment.DeclineExpiredCard, nil},
		{"bare card error", 402, `{"error":{"type":"card_error"}}`, payment.DeclineGeneric, nil},
		{"processing error", 402, `{"error":{"type":"card_error","code":"processing_error","message":"An error occurred while processing your card."}}`, "", payment.ErrUnavailable},
		{"idempotency error", 400, `{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters they were first used with."}}`, "", payment.ErrKeyReused},
		{"api error", 500, `{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}`, "", payment.ErrUnavailable},
		{"bad gateway, not JSON", 502, `<html>bad gateway</html>`, "", payment.ErrUnavailable},
		{"unavailable, no body", 503, ``, "", payment.ErrUnavailable},
		{"rate limited", 429, `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}`, "", payment.ErrUnavailable},
		{"key in use", 409, `{"error":{"type":"invalid_request_error","code":"idempotency_key_in_use","message":"in use"}}`, "", payment.ErrUnavailable},
		{"missing", 404, `{"error":{"type":"invalid_request_error","code":"resource_missing","param":"intent","message":"No such payment_intent: 'pi_x'"}}`, "", payment.ErrNotFound},
		{"unexpected state", 400, `{"error":{"type":"invalid_request_error","code":"payment_intent_unexpected_state","message":"This PaymentIntent could not be captured because it has a status of canceled."}}`, "", payment.ErrState},
		{"amount too large", 400, `{"error":{"type":"invalid_request_error","code":"amount_too_large","param":"amount_to_capture","message":"too large"}}`, "", payment.ErrAmount},
		{"already refunded", 400, `{"error":{"type":"invalid_request_error","code":"charge_already_refunded","message":"Charge ch_1 has already been refunded."}}`, "", payment.ErrAmount},
		{"bad key", 401, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****pao"}}`, "", nil},
	}
	sentinels := []error{payment.ErrUnavailable, payment.ErrKeyReused, payment.ErrNotFound, payment.ErrState, payment.ErrAmount}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls++
				w.Header().Set("Request-Id", "req_test")
				w.WriteHeader(c.status)
				fmt.Fprint(w, c.body)
			}))
			defer srv.Close()
			s := stripeAt(t, srv.URL)
			_, err := s.Capture(context.Background(), "order/E/payment/1/capture", "pi_x", usd(100))
			if err == nil {
				t.Fatal("no error")
			}
			if calls != 1 {
				t.Errorf("%d requests: the client must not retry on its own", calls)
			}
			var d *payment.Declined
			if c.decline != "" {
				if !errors.As(err, &d) || d.Code != c.decline || d.Reason == "" {
					t.Fatalf("%v (%T), want a %s decline", err, err, c.decline)
				}
			} else if errors.As(err, &d) {
				t.Fatalf("%v: a decline, want %v", err, c.want)
			}
			for _, s := range sentinels {
				if errors.Is(err, s) != (s == c.want) {
					t.Errorf("%v: errors.Is(%v) = %v", err, s, errors.Is(err, s))
				}
			}
		})
	}
}

// A message quoting a card number is masked in the error and the decline.
func TestStripeErrorsMaskCardNumbers(t *testing.T) {
	for _, body := range []string{
		`{"error":{"type":"invalid_request_error","message":"card 4242424242424242 and 4242 4242 4242 4242 and 4242-4242-4242-4242 refused"}}`,
		`{"error":{"type":"card_error","code":"card_declined","message":"card 4242424242424242 and 4242 4242 4242 4242 declined"}}`,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(402)
			fmt.Fprint(w, body)
		}))
		_, err := stripeAt(t, srv.URL).Authorize(context.Background(), "k", "pm_x", usd(100))
		srv.Close()
		if err == nil {
			t.Fatal("no error")
		}
		if regexp.MustCompile(`\d{4}[ -]?\d{2}`).MatchString(err.Error()) {
			t.Fatalf("error shows digits of a card: %q", err)
		}
		if !regexp.MustCompile(`card \[masked\] and \[masked\]`).MatchString(err.Error()) {
			t.Fatalf("error %q: want the numbers masked and the words kept", err)
		}
	}
}

// No answer at all (nothing listens) is ErrUnavailable.
func TestStripeUnreachableIsUnavailable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	_, err = stripeAt(t, url).Authorize(context.Background(), "k", "pm_x", usd(100))
	if !errors.Is(err, payment.ErrUnavailable) {
		t.Fatalf("%v, want ErrUnavailable", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = stripeAt(t, url).Authorize(ctx, "k", "pm_x", usd(100))
	if !errors.Is(err, payment.ErrUnavailable) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v, want ErrUnavailable and context.Canceled", err)
	}
}
