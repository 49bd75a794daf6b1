package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestOrderOfACheckoutNotReadyListsEveryReason (SPEC G5, docs/api.md): a
// checkout that cannot become an order is a 409 listing every reason in
// errors[] (details, terms and payment missing: three), and no order is
// opened; the checkout stays open. Once the details are given, the next
// submission lists only what is still missing.
func TestOrderOfACheckoutNotReadyListsEveryReason(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	tok := tokenFor(a, alice)

	if r := a.Do("POST", "/v1/sites/300001/cart/items", tok, map[string]any{"part_number": "D0R4ZLL", "quantity": 1}); r.Status != http.StatusCreated {
		t.Fatalf("add to cart = %d %s", r.Status, r.Body)
	}
	r := a.Do("POST", "/v1/sites/300001/checkouts", tok, nil)
	if r.Status != http.StatusCreated {
		t.Fatalf("start checkout = %d %s", r.Status, r.Body)
	}
	var co struct {
		ID int64 `json:"id"`
	}
	r.JSON(t, &co)
	body := map[string]any{"checkout_id": co.ID}

	reasons := func(key string, want, gone []string) {
		t.Helper()
		r := orderSubmit(t, a, "300001", alice, body, key)
		p := assertProblem(t, r, http.StatusConflict, "conflict")
		if len(p.Errors) != len(want) {
			t.Errorf("%d reasons, want %d (%v): %s", len(p.Errors), len(want), want, r.Body)
		}
		for _, e := range p.Errors {
			if e.Field != "checkout_id" || e.Detail == "" {
				t.Errorf("reason %+v: want one naming checkout_id with a detail", e)
			}
		}
		all := strings.ToLower(string(r.Body))
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("the 409 does not say %q: %s", w, r.Body)
			}
		}
		for _, g := range gone {
			if strings.Contains(all, g) {
				t.Errorf("the 409 still says %q: %s", g, r.Body)
			}
		}
	}
	reasons("not-ready-1", []string{"billing and shipping details", "terms and conditions", "payment method"}, nil)

	party := map[string]any{"name": "Alice Anderson", "company": "Acme Corporation", "line1": "100 Congress Avenue",
		"city": "Austin", "region": "TX", "postal_code": "78701", "country": "US",
		"email": "alice@acme.example.com", "phone": "+1 512 555 0101"}
	if r := a.Do("PUT", "/v1/checkouts/"+strconv.FormatInt(co.ID, 10)+"/details", tok,
		map[string]any{"billing": party, "shipping_same_as_billing": true}); r.Status != http.StatusOK {
		t.Fatalf("checkout details = %d %s", r.Status, r.Body)
	}
	reasons("not-ready-2", []string{"terms and conditions", "payment method"}, []string{"billing and shipping details"})

	if n := count(t, db, "orders"); n != 0 {
		t.Errorf("%d orders opened from a checkout that is not ready", n)
	}
	status := column(t, db, "SELECT status || ' ' || coalesce(order_ref, '-') FROM checkouts WHERE id = "+strconv.FormatInt(co.ID, 10))
	if len(status) != 1 || status[0] != "open -" {
		t.Errorf("the checkout is %v, want open and not ordered", status)
	}
}
