package api_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestCheckoutStartsOnlyFromAReadyCart (G1, E4): POST
// /v1/sites/:site/checkouts refuses a cart that cannot go to checkout with
// a 409 problem listing every reason (an empty cart; two products without
// a price), writing nothing; a ready cart becomes a checkout (201) with
// its lines at their prices, and a second start abandons the first. A body
// is refused before anything is done.
func TestCheckoutStartsOnlyFromAReadyCart(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	start := acmeSite + "/checkouts"
	reasons := func(want ...string) {
		t.Helper()
		before := count(t, db, "checkouts")
		r := a.Do("POST", start, tokenFor(a, alice), nil)
		p := assertProblem(t, r, http.StatusConflict, "conflict")
		var body struct {
			Reasons []struct {
				Code       string `json:"code"`
				Detail     string `json:"detail"`
				PartNumber string `json:"part_number"`
			} `json:"reasons"`
		}
		r.JSON(t, &body)
		var got []string
		for _, x := range body.Reasons {
			got = append(got, x.Code+" "+x.PartNumber)
			if x.Detail == "" {
				t.Errorf("reason %s without a detail", x.Code)
			}
		}
		if !slices.Equal(got, want) || p.Rule == "" {
			t.Errorf("reasons = %q (rule %q), want %q: %s", got, p.Rule, want, r.Body)
		}
		if count(t, db, "checkouts") != before {
			t.Error("a refused start wrote a checkout")
		}
	}
	reasons("empty ")

	cartDo(t, a, alice, "POST", acmeSite+"/cart/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 2}, http.StatusCreated)
	cartDo(t, a, alice, "POST", acmeSite+"/cart/items", map[string]any{"part_number": "E0MQ2LL", "quantity": 3}, http.StatusCreated)
	cartDo(t, a, alice, "POST", acmeSite+"/cart/items", map[string]any{"part_number": "E0R50LL", "quantity": 1}, http.StatusCreated)
	db.Exec(`DELETE FROM prices WHERE currency = 'USD' AND price_level = 'E'
		AND product_id IN (SELECT id FROM products WHERE part_number IN ('D0R4ZLL', 'E0R50LL'))`)
	reasons("price_on_request D0R4ZLL", "price_on_request E0R50LL")

	r := a.Do("POST", start, tokenFor(a, alice), map[string]any{"checkout": true})
	if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !namesField(p, "checkout") {
		t.Errorf("a body: %s", r.Body)
	}

	cartDo(t, a, alice, "DELETE", acmeSite+"/cart", nil, http.StatusOK)
	mq := unitPrice(t, a, "E0MQ2LL", "USD", "E")
	first := newCheckout(t, a, alice, "300001", "E0MQ2LL", 3)
	if first.Status != "open" || first.SiteNumber != "300001" || len(first.Lines) != 1 || first.Lines[0].LineTotal.Minor != 3*mq ||
		first.Total.Minor != 3*mq || first.Total.Currency != "USD" || first.ReadyToOrder ||
		!slices.Equal(first.Missing, []string{"details", "terms", "payment"}) || first.CurrentTerms != "2026-01" {
		t.Errorf("a new checkout: %+v", first)
	}
	second, _ := checkoutDo(t, a, alice, "POST", start, map[string]any{}, http.StatusCreated)
	if second.ID == first.ID {
		t.Fatal("the same checkout twice")
	}
	v, _ := checkoutDo(t, a, alice, "GET", checkoutPath(first.ID, ""), nil, http.StatusOK)
	if v.Status != "abandoned" {
		t.Errorf("the first checkout after a second start: %s", v.Status)
	}
	checkoutDo(t, a, alice, "PUT", checkoutPath(first.ID, "/details"), details(party()), http.StatusConflict)
}
