package api_test

import (
	"maps"
	"net/http"
	"testing"
)

// TestOrderSameKeyWithAnotherBodyIs422 (SPEC G5, docs/api.md): an
// Idempotency-Key is reserved by its first submission, whatever the
// process answers (here a checkout that does not exist: 409). The same key
// with another body (another checkout) is a 422 naming Idempotency-Key and
// writes nothing; the same key with the same body is answered as the first
// was, without a new reservation; keys are the caller's own, so another
// user may use the same key for their own request.
func TestOrderSameKeyWithAnotherBodyIs422(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	const key = "3f6c2a9e-order-key"
	first := map[string]any{"checkout_id": 987654321}
	other := map[string]any{"checkout_id": 987654322}

	before := orderRows(t, db)
	r := orderSubmit(t, a, "300001", alice, first, key)
	if r.Status != http.StatusConflict {
		t.Fatalf("first submission (no such checkout) = %d, want 409: %s", r.Status, r.Body)
	}
	reserved := orderRows(t, db)
	if reserved["order_submissions"] != before["order_submissions"]+1 || reserved["orders"] != before["orders"] {
		t.Fatalf("the first submission reserved %d keys and opened %d orders, want 1 and 0",
			reserved["order_submissions"]-before["order_submissions"], reserved["orders"]-before["orders"])
	}

	r = orderSubmit(t, a, "300001", alice, other, key)
	p := assertProblem(t, r, http.StatusUnprocessableEntity, "rule-violation")
	if !namesField(p, "Idempotency-Key") || p.Rule != "G5" {
		t.Errorf("the same key with another checkout: want a 422 naming Idempotency-Key under G5: %s", r.Body)
	}
	if now := orderRows(t, db); !maps.Equal(reserved, now) {
		t.Errorf("the 422 wrote rows:\nbefore %v\nafter  %v", reserved, now)
	}

	// The same key and body is the same request: answered again, nothing
	// new reserved.
	if r := orderSubmit(t, a, "300001", alice, first, key); r.Status != http.StatusConflict {
		t.Errorf("the same key and body again = %d, want the first answer (409): %s", r.Status, r.Body)
	}
	if now := orderRows(t, db); !maps.Equal(reserved, now) {
		t.Errorf("the repeated submission wrote rows:\nbefore %v\nafter  %v", reserved, now)
	}

	// Another user's key space: bob's request with alice's key is his own.
	if r := orderSubmit(t, a, "300001", bob, other, key); r.Status != http.StatusConflict {
		t.Errorf("bob with alice's key = %d, want his own answer (409, no such checkout): %s", r.Status, r.Body)
	}
	if now := orderRows(t, db); now["order_submissions"] != reserved["order_submissions"]+1 {
		t.Errorf("bob's submission reserved %d keys, want 1", now["order_submissions"]-reserved["order_submissions"])
	}
}
