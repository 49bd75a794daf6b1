package payment_test

import (
	"context"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// Calling again with a key and the same parameters returns the first
// result and does nothing more: one authorization, one capture, one
// refund, one void in the tables however often each is called.
func TestSandboxSameKeySameParametersReturnsTheFirstResult(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardVisa)

	var auths []payment.Authorization
	for range 3 {
		a, err := sb.Authorize(ctx, "order/A/authorize", tok.Token, usd(5000))
		if err != nil {
			t.Fatal(err)
		}
		auths = append(auths, a)
	}
	var caps []payment.Capture
	for range 3 {
		c, err := sb.Capture(ctx, "order/A/capture", auths[0].ID, usd(4000))
		if err != nil {
			t.Fatal(err)
		}
		caps = append(caps, c)
	}
	var refs []payment.Refund
	for range 3 {
		r, err := sb.Refund(ctx, "order/A/refund/1", caps[0].ID, usd(1500))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, r)
	}
	for i := 1; i < 3; i++ {
		if auths[i] != auths[0] || caps[i] != caps[0] || refs[i] != refs[0] {
			t.Fatalf("call %d answered differently: %+v %+v %+v, first %+v %+v %+v", i+1, auths[i], caps[i], refs[i], auths[0], caps[0], refs[0])
		}
	}
	if caps[0].AuthorizationID != auths[0].ID || caps[0].Amount != usd(4000) || refs[0].CaptureID != caps[0].ID || refs[0].Amount != usd(1500) {
		t.Fatalf("results do not chain: %+v %+v %+v", auths[0], caps[0], refs[0])
	}

	other, err := sb.Authorize(ctx, "order/B/authorize", tok.Token, usd(700))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := sb.Void(ctx, "order/B/void", other.ID); err != nil {
			t.Fatal(err)
		}
	}
	for table, want := range map[string]int64{"authorizations": 2, "captures": 1, "refunds": 1, "operations": 5} {
		if n := count(t, db, table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	var status string
	if err := db.Raw("SELECT status FROM payment_sandbox.authorizations WHERE id = ?", other.ID).Scan(&status).Error; err != nil || status != "voided" {
		t.Fatalf("voided authorization status %q (%v)", status, err)
	}
}
