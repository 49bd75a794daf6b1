package payment_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// The declining test cards tokenize; Authorize declines them with their
// code; the same key answers the same decline again, a new key declines
// again, and nothing is authorized.
func TestSandboxDeclineAtAuthorizeIsFinal(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	for number, code := range map[string]string{
		payment.TestCardDeclined:          payment.DeclineGeneric,
		payment.TestCardInsufficientFunds: payment.DeclineInsufficientFunds,
		payment.TestCardStolen:            payment.DeclineStolenCard,
		payment.TestCardIncorrectCVC:      payment.DeclineIncorrectCVC,
		payment.TestCardExpired:           payment.DeclineExpiredCard,
	} {
		tok := tokenize(t, sb, number)
		key := "order/" + code + "/authorize"
		for i := range 3 {
			_, err := sb.Authorize(ctx, key, tok.Token, usd(1000))
			if got := declineCode(err); got != code {
				t.Fatalf("%s call %d: %v, want a %s decline", code, i+1, err, code)
			}
			if strings.Contains(err.Error(), number) || strings.Contains(err.Error(), number[len(number)-4:]) {
				t.Fatalf("decline %q shows the card", err)
			}
		}
		if _, err := sb.Authorize(ctx, key+"/again", tok.Token, usd(1000)); declineCode(err) != code {
			t.Fatalf("%s with a new key: %v", code, err)
		}
		entries, err := sb.Ledger(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Outcome != payment.OutcomeDeclined || entries[0].DeclineCode != code || entries[0].Attempts != 1 {
			t.Fatalf("%s ledger: %+v", code, entries)
		}
	}
	if n := count(t, db, "authorizations"); n != 0 {
		t.Fatalf("%d authorizations of declined cards", n)
	}
}
