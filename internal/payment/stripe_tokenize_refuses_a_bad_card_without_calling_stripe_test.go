package payment_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// A card that breaks the card rules is declined by Tokenize with the code
// of its first failing field, before anything is sent to Stripe, and the
// decline does not quote the card.
func TestStripeTokenizeRefusesABadCardWithoutCallingStripe(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(500)
	}))
	defer srv.Close()
	s := stripeAt(t, srv.URL)
	cases := []struct {
		card payment.Card
		code string
	}{
		{payment.Card{Number: "4242424242424241", ExpMonth: 12, ExpYear: 2030, CVC: "123"}, payment.DeclineIncorrectNumber},
		{payment.Card{Number: "1234567812345670", ExpMonth: 12, ExpYear: 2030, CVC: "123"}, payment.DeclineIncorrectNumber},
		{payment.Card{Number: "4242424242424242", ExpMonth: 0, ExpYear: 2030, CVC: "123"}, payment.DeclineInvalidExpiryMonth},
		{payment.Card{Number: "4242424242424242", ExpMonth: 12, ExpYear: 30, CVC: "123"}, payment.DeclineInvalidExpiryYear},
		{payment.Card{Number: "4242424242424242", ExpMonth: 12, ExpYear: 2020, CVC: "123"}, payment.DeclineExpiredCard},
		{payment.Card{Number: "378282246310005", ExpMonth: 12, ExpYear: 2030, CVC: "123"}, payment.DeclineInvalidCVC},
	}
	for _, c := range cases {
		_, err := s.Tokenize(context.Background(), c.card)
		if declineCode(err) != c.code {
			t.Errorf("%v: %v, want a %s decline", c.card, err, c.code)
			continue
		}
		if strings.Contains(err.Error(), c.card.Number) || strings.Contains(err.Error(), c.card.Number[:8]) {
			t.Errorf("%q quotes the card", err)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("%d requests reached Stripe", n)
	}
}
