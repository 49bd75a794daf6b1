package payment_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// An unknown token, authorization or capture is ErrNotFound and leaves no
// ledger entry, so the key stays free.
func TestSandboxUnknownPaymentsAreNotFound(t *testing.T) {
	ctx := context.Background()
	sb, _ := newSandbox(t)
	calls := map[string]func() error{
		"authorize": func() error { _, err := sb.Authorize(ctx, "k/1", "tok_nope", usd(100)); return err },
		"capture":   func() error { _, err := sb.Capture(ctx, "k/2", "auth_nope", usd(100)); return err },
		"void":      func() error { return sb.Void(ctx, "k/3", "auth_nope") },
		"refund":    func() error { _, err := sb.Refund(ctx, "k/4", "cap_nope", usd(100)); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, payment.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", name, err)
		}
	}
	entries, err := sb.Ledger(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Fatalf("ledger %+v, want empty", entries)
	}
	tok := tokenize(t, sb, payment.TestCardVisa)
	if _, err := sb.Authorize(ctx, "k/1", tok.Token, usd(100)); err != nil {
		t.Fatalf("the key of a refused call, now with a real token: %v", err)
	}
}
