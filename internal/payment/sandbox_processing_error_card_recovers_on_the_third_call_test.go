package payment_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// The processing-error card's Authorize is ErrUnavailable twice per key,
// then approves: the retried key ends with one authorization and the
// ledger counts the three calls; another key starts over.
func TestSandboxProcessingErrorCardRecoversOnTheThirdCall(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardProcessingError)
	const key = "order/ORD-2026-000007/attempt/1/authorize"
	for i := range 2 {
		_, err := sb.Authorize(ctx, key, tok.Token, usd(2500))
		if !errors.Is(err, payment.ErrUnavailable) {
			t.Fatalf("call %d: %v, want ErrUnavailable", i+1, err)
		}
		if n := count(t, db, "authorizations"); n != 0 {
			t.Fatalf("after call %d: %d authorizations", i+1, n)
		}
	}
	a, err := sb.Authorize(ctx, key, tok.Token, usd(2500))
	if err != nil {
		t.Fatalf("third call: %v", err)
	}
	again, err := sb.Authorize(ctx, key, tok.Token, usd(2500))
	if err != nil || again != a {
		t.Fatalf("fourth call: %+v, %v; want %+v", again, err, a)
	}
	entries, err := sb.Ledger(ctx, "order/ORD-2026-000007/")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Outcome != payment.OutcomeApproved || entries[0].ObjectID != a.ID || entries[0].Attempts != 3 {
		t.Fatalf("ledger %+v, want one approved authorization after 3 attempts", entries)
	}
	if n := count(t, db, "authorizations"); n != 1 {
		t.Fatalf("%d authorizations, want 1", n)
	}
	if _, err := sb.Authorize(ctx, "order/ORD-2026-000008/attempt/1/authorize", tok.Token, usd(2500)); !errors.Is(err, payment.ErrUnavailable) {
		t.Fatalf("a new key: %v, want ErrUnavailable", err)
	}
}
