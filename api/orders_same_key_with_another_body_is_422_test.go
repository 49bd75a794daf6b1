package api_test

import (
	"maps"
	"net/http"
	"strconv"
	"testing"
)

// TestOrderSameKeyWithAnotherBodyIs422 (SPEC G5, docs/api.md): the first
// submission under an Idempotency-Key reserves it (201, the order); the
// same key with another body (another checkout of the caller's) is a 422
// naming Idempotency-Key that writes nothing and leaves that checkout
// open; the same key with the same body answers 200 with the same order,
// nothing new written.
func TestOrderSameKeyWithAnotherBodyIs422(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	const key = "3f6c2a9e-order-key"
	first := orderReadyCheckout(t, a, alice, "300001")

	before := orderRows(t, db)
	r := orderSubmit(t, a, "300001", alice, map[string]any{"checkout_id": first}, key)
	if r.Status != http.StatusCreated {
		t.Fatalf("first submission = %d, want 201: %s", r.Status, r.Body)
	}
	var o struct {
		Reference string `json:"reference"`
	}
	r.JSON(t, &o)
	placed := orderRows(t, db)
	if placed["order_submissions"] != before["order_submissions"]+1 || placed["orders"] != before["orders"]+1 {
		t.Fatalf("the first submission reserved %d keys and opened %d orders, want 1 and 1",
			placed["order_submissions"]-before["order_submissions"], placed["orders"]-before["orders"])
	}

	// Another checkout of hers, under the same key.
	tok := tokenFor(a, alice)
	if r := a.Do("POST", "/v1/sites/300001/cart/items", tok, map[string]any{"part_number": "E0MQ2LL", "quantity": 1}); r.Status != http.StatusCreated {
		t.Fatalf("add to cart = %d %s", r.Status, r.Body)
	}
	r = a.Do("POST", "/v1/sites/300001/checkouts", tok, nil)
	if r.Status != http.StatusCreated {
		t.Fatalf("second checkout = %d %s", r.Status, r.Body)
	}
	var second struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &second)

	r = orderSubmit(t, a, "300001", alice, map[string]any{"checkout_id": second.ID}, key)
	p := assertProblem(t, r, http.StatusUnprocessableEntity, "rule-violation")
	if !namesField(p, "Idempotency-Key") || p.Rule != "G5" {
		t.Errorf("the same key with another checkout: want a 422 naming Idempotency-Key under G5: %s", r.Body)
	}
	if now := orderRows(t, db); !maps.Equal(placed, now) {
		t.Errorf("the 422 wrote rows:\nbefore %v\nafter  %v", placed, now)
	}
	if st := column(t, db, "SELECT status FROM checkouts WHERE id = "+strconv.FormatInt(second.ID, 10)); len(st) != 1 || st[0] != "open" {
		t.Errorf("the other checkout is %v after the 422, want open", st)
	}

	// The same key and body is the same order.
	r = orderSubmit(t, a, "300001", alice, map[string]any{"checkout_id": first}, key)
	var again struct {
		Reference string `json:"reference"`
	}
	if r.Status != http.StatusOK {
		t.Fatalf("the same key and body again = %d, want 200: %s", r.Status, r.Body)
	}
	r.JSON(t, &again)
	if again.Reference != o.Reference {
		t.Errorf("the same key and body again is order %s, want %s", again.Reference, o.Reference)
	}
	if now := orderRows(t, db); now["order_submissions"] != placed["order_submissions"] || now["orders"] != placed["orders"] {
		t.Errorf("the repeated submission wrote rows:\nbefore %v\nafter  %v", placed, now)
	}
}
