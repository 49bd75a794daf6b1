package payment_test

import (
	"context"
	"testing"

	"github.com/pao/pao/internal/payment"
)

// Ledger lists the keys that start with the prefix, literally ('_' and
// '%' are not wildcards), oldest first, with what each did.
func TestSandboxLedgerListsAKeyPrefix(t *testing.T) {
	ctx := context.Background()
	sb, _ := newSandbox(t)
	tok := tokenize(t, sb, payment.TestCardVisa)
	var a, b payment.Authorization
	var err error
	for _, k := range []string{"order/ORD_1/", "order/ORDX1/", "order/ORD%1/", "order/ORD_10/"} {
		if b, err = sb.Authorize(ctx, k+"authorize", tok.Token, usd(300)); err != nil {
			t.Fatal(err)
		}
		if k == "order/ORD_1/" {
			a = b
		}
	}
	c, err := sb.Capture(ctx, "order/ORD_1/capture", a.ID, usd(200))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sb.Refund(ctx, "order/ORD_1/refund", c.ID, usd(50))
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Void(ctx, "order/ORD_10/void", b.ID); err != nil {
		t.Fatal(err)
	}

	entries, err := sb.Ledger(ctx, "order/ORD_1/")
	if err != nil {
		t.Fatal(err)
	}
	want := []payment.LedgerEntry{
		{Key: "order/ORD_1/authorize", Kind: "authorize", ObjectID: a.ID, Amount: usd(300)},
		{Key: "order/ORD_1/capture", Kind: "capture", ObjectID: c.ID, Amount: usd(200)},
		{Key: "order/ORD_1/refund", Kind: "refund", ObjectID: r.ID, Amount: usd(50)},
	}
	if len(entries) != len(want) {
		t.Fatalf("ledger %+v, want %d entries", entries, len(want))
	}
	for i, w := range want {
		e := entries[i]
		if e.Key != w.Key || e.Kind != w.Kind || e.ObjectID != w.ObjectID || e.Amount != w.Amount ||
			e.Outcome != payment.OutcomeApproved || e.Attempts != 1 || !e.CreatedAt.Equal(sandboxNow) {
			t.Errorf("entry %d: %+v, want %+v", i, e, w)
		}
	}
	voids, err := sb.Ledger(ctx, "order/ORD_10/")
	if err != nil {
		t.Fatal(err)
	}
	if len(voids) != 2 || voids[1].Kind != "void" || voids[1].ObjectID != b.ID || payment.Count(voids, "void") != 1 {
		t.Fatalf("ledger %+v, want an authorization and its void", voids)
	}
}
