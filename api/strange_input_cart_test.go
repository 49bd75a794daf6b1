package api_test

import (
	"net/http"
	"testing"
)

// The cart routes in the strange-input tests (issue 9 item 6): the world's
// :line is a catalog line of alice's cart on 300001; adding the world's
// quote (requested, not open) is a business refusal.
func init() {
	baseBodies["POST /v1/sites/:site/cart/items"] = func() jnode { return jobj("part_number", "D0R4ZLL", "quantity", 2) }
	baseBodies["POST /v1/sites/:site/cart/quotes"] = func() jnode { return jobj("quote_number", "Q-2026-000001") }

	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		r := w.a.Do("POST", "/v1/sites/300001/cart/items", tokenFor(w.a, alice),
			map[string]any{"part_number": "E0MQ2LL", "quantity": 3})
		if r.Status != http.StatusCreated {
			t.Fatalf("fixture cart line = %d %s", r.Status, r.Body)
		}
		var v struct {
			Items []struct {
				Line string `json:"line"`
			} `json:"items"`
		}
		r.JSON(t, &v)
		if len(v.Items) != 1 {
			t.Fatalf("fixture cart: %s", r.Body)
		}
		w.more["line"] = v.Items[0].Line
	})
}
