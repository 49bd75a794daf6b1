package api_test

import (
	"net/http"
	"testing"
)

// An Idempotency-Key is the caller's own: another user sending the same
// key for their own checkout places their own order (no 422, nothing
// learnt about the first user's request), and each user's submission is
// recorded under their own reference.
func TestOrdersIdempotencyKeysBelongToTheirUser(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	const key = "shared-key-1"
	mine := orderReadyCheckout(t, a, alice, "300001")
	theirs := orderReadyCheckout(t, a, bob, "300001")
	first := orderSubmit(t, a, "300001", alice, map[string]any{"checkout_id": mine}, key)
	second := orderSubmit(t, a, "300001", bob, map[string]any{"checkout_id": theirs}, key)
	for who, r := range map[string]int{alice: first.Status, bob: second.Status} {
		if r == http.StatusUnprocessableEntity || r >= 500 || r < 200 {
			t.Errorf("%s's submission with the shared key = %d", who, r)
		}
	}
	var refs []string
	if err := a.Runtime.DB.Raw(`SELECT reference FROM order_submissions WHERE idempotency_key = ? ORDER BY user_id`, key).
		Scan(&refs).Error; err != nil {
		t.Fatal(err)
	}
	if len(refs) != 2 || refs[0] == refs[1] {
		t.Fatalf("submissions under the shared key: %v, want two references", refs)
	}
}
