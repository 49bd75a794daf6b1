package payment_test

import (
	"context"
	"sync"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// Ten concurrent calls with one key make one authorization (and then one
// capture) and all get the same answer.
func TestSandboxConcurrentCallsWithOneKeyHaveOneEffect(t *testing.T) {
	ctx := context.Background()
	sb, db := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardVisa)

	const n = 10
	auths := make([]payment.Authorization, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			auths[i], errs[i] = sb.Authorize(ctx, "order/C/authorize", tok.Token, usd(9900))
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || auths[i] != auths[0] {
			t.Fatalf("call %d: %+v, %v; first %+v", i, auths[i], errs[i], auths[0])
		}
	}

	caps := make([]payment.Capture, n)
	start = make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			caps[i], errs[i] = sb.Capture(ctx, "order/C/capture", auths[0].ID, usd(9900))
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || caps[i] != caps[0] {
			t.Fatalf("capture %d: %+v, %v; first %+v", i, caps[i], errs[i], caps[0])
		}
	}
	if a, c := count(t, db, "authorizations"), count(t, db, "captures"); a != 1 || c != 1 {
		t.Fatalf("%d authorizations and %d captures, want 1 and 1", a, c)
	}
}
