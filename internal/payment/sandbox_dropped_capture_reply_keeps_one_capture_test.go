package payment_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// The capture-reply-dropped card's first Capture commits the capture and
// answers ErrUnavailable; the retry with the key returns that capture, and
// the ledger holds one capture.
func TestSandboxDroppedCaptureReplyKeepsOneCapture(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardCaptureReplyDropped)
	const prefix = "order/ORD-2026-000001/"
	a, err := sb.Authorize(ctx, prefix+"attempt/1/authorize", tok.Token, usd(12000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sb.Capture(ctx, prefix+"attempt/1/capture", a.ID, usd(12000)); !errors.Is(err, payment.ErrUnavailable) {
		t.Fatalf("first capture: %v, want ErrUnavailable", err)
	}
	if n := count(t, db, "captures"); n != 1 {
		t.Fatalf("after the lost reply: %d captures, want the 1 committed", n)
	}
	c, err := sb.Capture(ctx, prefix+"attempt/1/capture", a.ID, usd(12000))
	if err != nil {
		t.Fatalf("retry: %v", err)
	}
	if c.AuthorizationID != a.ID || c.Amount != usd(12000) {
		t.Fatalf("retry returned %+v", c)
	}
	entries, err := sb.Ledger(ctx, prefix)
	if err != nil {
		t.Fatal(err)
	}
	if payment.Count(entries, "capture") != 1 || payment.Count(entries, "authorize") != 1 || len(entries) != 2 {
		t.Fatalf("ledger %+v, want one authorization and one capture", entries)
	}
	if entries[1].ObjectID != c.ID {
		t.Fatalf("ledger capture %q, retry returned %q", entries[1].ObjectID, c.ID)
	}
	if n := count(t, db, "captures"); n != 1 {
		t.Fatalf("%d captures, want 1", n)
	}
}
