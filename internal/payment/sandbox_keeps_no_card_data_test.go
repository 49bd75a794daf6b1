package payment_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
)

// The sandbox keeps a token, brand, last four and expiry: no table holds
// the number or the security code, and a card it refuses is refused
// without quoting them.
func TestSandboxKeepsNoCardData(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	c := payment.Card{Number: "4000 0566 5566 5556", ExpMonth: 9, ExpYear: 2029, CVC: "987"}
	tok, err := sb.Tokenize(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	want := payment.Token{Token: tok.Token, Brand: models.BrandVisa, Last4: "5556", ExpMonth: 9, ExpYear: 2029}
	if tok != want || !strings.HasPrefix(tok.Token, "tok_") {
		t.Fatalf("token %+v, want %+v", tok, want)
	}
	a, err := sb.Authorize(ctx, "k/authorize", tok.Token, usd(100))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Capture(ctx, "k/capture", a.ID, usd(100)); err != nil {
		t.Fatal(err)
	}

	var dump string
	if err := db.Raw(`SELECT string_agg(j, E'\n') FROM (
		SELECT row_to_json(t)::text AS j FROM payment_sandbox.tokens t
		UNION ALL SELECT row_to_json(o)::text FROM payment_sandbox.operations o
		UNION ALL SELECT row_to_json(a)::text FROM payment_sandbox.authorizations a
		UNION ALL SELECT row_to_json(c)::text FROM payment_sandbox.captures c) rows`).Scan(&dump).Error; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "5556") {
		t.Fatalf("the dump does not even hold the last four: %s", dump)
	}
	for _, secret := range []string{"4000056655665556", "4000 0566 5566 5556", "400005665566"} {
		if strings.Contains(dump, secret) {
			t.Fatalf("the sandbox tables hold %q: %s", secret, dump)
		}
	}
	// The code as a value of its own (random hex ids may contain "987").
	if regexp.MustCompile(`(^|[^0-9A-Za-z_])987([^0-9A-Za-z_]|$)`).MatchString(dump) {
		t.Fatalf("the sandbox tables hold the security code: %s", dump)
	}

	refusals := []struct {
		card payment.Card
		code string
	}{
		{payment.Card{Number: "4000056655665557", ExpMonth: 9, ExpYear: 2029, CVC: "987"}, payment.DeclineIncorrectNumber},
		{payment.Card{Number: "4000056655665556", ExpMonth: 13, ExpYear: 2029, CVC: "987"}, payment.DeclineInvalidExpiryMonth},
		{payment.Card{Number: "4000056655665556", ExpMonth: 9, ExpYear: 29, CVC: "987"}, payment.DeclineInvalidExpiryYear},
		{payment.Card{Number: "4000056655665556", ExpMonth: 9, ExpYear: 2025, CVC: "987"}, payment.DeclineExpiredCard},
		{payment.Card{Number: "4000056655665556", ExpMonth: 5, ExpYear: 2026, CVC: "987"}, payment.DeclineExpiredCard},
		{payment.Card{Number: "4000056655665556", ExpMonth: 9, ExpYear: 2029, CVC: "9876"}, payment.DeclineInvalidCVC},
	}
	for _, r := range refusals {
		_, err := sb.Tokenize(ctx, r.card)
		if got := declineCode(err); got != r.code {
			t.Errorf("%v: %v, want a %s decline", r.card, err, r.code)
			continue
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", r.card)} {
			if strings.Contains(s, "400005665566") || strings.Contains(s, r.card.CVC) {
				t.Errorf("%q quotes the card", s)
			}
		}
	}
	if n := count(t, db, "tokens"); n != 1 {
		t.Fatalf("%d tokens, want only the accepted card's", n)
	}
}
