package payment_test

import (
	"context"
	"testing"
	"time"

	"github.com/pao/pao/internal/payment"
)

// A card tokenized before its expiry and authorized after the end of its
// expiry month (UTC) is declined as expired_card; the last instant of the
// month still authorizes.
func TestSandboxCardExpiredSinceTokenizedIsDeclined(t *testing.T) {
	ctx := context.Background()
	sb, _ := newSandbox(t)
	now := time.Date(2026, time.June, 15, 0, 0, 0, 0, time.UTC)
	sb.Now = func() time.Time { return now }
	tok, err := sb.Tokenize(ctx, payment.Card{Number: payment.TestCardVisa, ExpMonth: 6, ExpYear: 2026, CVC: "123"})
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, time.June, 30, 23, 59, 59, 0, time.UTC)
	if _, err := sb.Authorize(ctx, "k/1", tok.Token, usd(100)); err != nil {
		t.Fatalf("on the last day of the expiry month: %v", err)
	}
	now = time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC)
	if _, err := sb.Authorize(ctx, "k/2", tok.Token, usd(100)); declineCode(err) != payment.DeclineExpiredCard {
		t.Fatalf("after the expiry month: %v, want expired_card", err)
	}
}
