package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCheckoutCardIsExchangedForATokenInTheRequest (G3, G4): a card that
// breaks the card rules is refused before the gateway sees it, every
// failing field named (card.number, card.exp_month, card.exp_year,
// card.cvc; a wrong type too) and nothing stored; a valid card is
// exchanged for the gateway's token in the request, and the checkout keeps
// the token, brand, last four digits and expiry only: the review shows
// brand, last four and expiry, never the token. The checkout is then
// ready to order.
func TestCheckoutCardIsExchangedForATokenInTheRequest(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	co := newCheckout(t, a, alice, "300001", "D0R4ZLL", 1)
	pay := checkoutPath(co.ID, "/payment")
	checkoutDo(t, a, alice, "PUT", checkoutPath(co.ID, "/details"), details(party()), http.StatusOK)
	checkoutDo(t, a, alice, "POST", checkoutPath(co.ID, "/terms"), terms(), http.StatusOK)
	tokens := func() int64 {
		var n int64
		a.Runtime.DB.Raw(`SELECT count(*) FROM payment_sandbox.tokens`).Scan(&n)
		return n
	}

	year := time.Now().Year()
	for _, tc := range []struct {
		card   map[string]any
		fields []string
	}{
		{map[string]any{"number": "4242424242424241", "exp_month": 12, "exp_year": year + 1, "cvc": "123"}, []string{"card.number"}},
		{map[string]any{"number": "378282246310005", "exp_month": 12, "exp_year": year + 1, "cvc": "123"}, []string{"card.cvc"}},
		{map[string]any{"number": "4242-4242-4242-4242", "exp_month": 13, "exp_year": year - 1, "cvc": "12a"},
			[]string{"card.cvc", "card.exp_month", "card.exp_year", "card.number"}},
		{map[string]any{"number": "4242424242424242", "exp_month": 12, "exp_year": 30, "cvc": "123"}, []string{"card.exp_year"}},
		{map[string]any{"number": 4242424242424242, "exp_month": "12", "exp_year": year + 1, "cvc": "123"}, []string{"card.exp_month", "card.number"}},
		{map[string]any{"number": "4242424242424242", "exp_month": 12, "exp_year": year + 1, "cvc": "123", "name": "A"}, []string{"card.name"}},
		{map[string]any{}, []string{"card.cvc", "card.exp_month", "card.exp_year", "card.number"}},
	} {
		before := tokens()
		r := a.Do("PUT", pay, tokenFor(a, alice), map[string]any{"method": "card", "card": tc.card})
		p := assertProblem(t, r, http.StatusBadRequest, "validation")
		var got []string
		for _, e := range p.Errors {
			got = append(got, e.Field)
		}
		if !slices.Equal(got, tc.fields) {
			t.Errorf("card %v: fields %v, want %v: %s", tc.card, got, tc.fields, r.Body)
		}
		if tokens() != before {
			t.Errorf("card %v reached the gateway", tc.card)
		}
	}
	v, _ := checkoutDo(t, a, alice, "GET", checkoutPath(co.ID, ""), nil, http.StatusOK)
	if v.Payment != nil {
		t.Fatalf("refused cards stored a payment: %+v", v.Payment)
	}

	r, e := changes(t, a, "PUT", pay, alice, cardBody("3782 822463 10005", "1234"), http.StatusOK)
	r.JSON(t, &v)
	if v.Payment == nil || v.Payment.Method != "card" || v.Payment.Card == nil || v.Payment.Card.Brand != "amex" ||
		v.Payment.Card.Last4 != "0005" || v.Payment.Card.ExpMonth != 12 || v.Payment.Card.ExpYear != year+2 ||
		!v.ReadyToOrder || len(v.Missing) != 0 {
		t.Errorf("after a valid card: %s", r.Body)
	}
	var row struct {
		CardToken string
		CardBrand string
		CardLast4 string
	}
	a.Runtime.DB.Raw(`SELECT card_token, card_brand, card_last4 FROM checkouts WHERE id = ?`, co.ID).Scan(&row)
	var known int64
	a.Runtime.DB.Raw(`SELECT count(*) FROM payment_sandbox.tokens WHERE token = ? AND last4 = '0005'`, row.CardToken).Scan(&known)
	if row.CardToken == "" || known != 1 || row.CardBrand != "amex" || row.CardLast4 != "0005" {
		t.Errorf("checkout row %+v (token known to the gateway: %d)", row, known)
	}
	if s := string(r.Body); row.CardToken != "" && (strings.Contains(s, row.CardToken) || strings.Contains(string(e.After), row.CardToken)) {
		t.Errorf("the token is shown or audited: %s / %s", s, e.After)
	}
	jsonEq(t, "audit last4", mustField(t, e.After, "last4"), "0005")
}
