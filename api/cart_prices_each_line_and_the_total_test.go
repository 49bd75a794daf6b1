package api_test

import (
	"net/http"
	"testing"
)

// The cart prices each catalog line at the site's currency and level now
// (300001: USD at E; 300101: IDR), totals the lines, adds to a part
// already there, shows a price that changed since the line was added and
// flags a product without a price (readiness names it).
func TestCartPricesEachLineAndTheTotal(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	cart := acmeSite + "/cart"
	d0, mq := unitPrice(t, a, "D0R4ZLL", "USD", "E"), unitPrice(t, a, "E0MQ2LL", "USD", "E")

	v, _ := cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	if len(v.Items) != 0 || v.Total.Minor != 0 || v.Readiness.Ready || len(v.Readiness.Reasons) != 1 || v.Readiness.Reasons[0].Code != "empty" {
		t.Fatalf("a new cart: %+v", v)
	}
	cartDo(t, a, alice, "POST", cart+"/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 3}, http.StatusCreated)
	cartDo(t, a, alice, "POST", cart+"/items", map[string]any{"part_number": "e0mq2ll", "quantity": 2}, http.StatusCreated)
	v, _ = cartDo(t, a, alice, "POST", cart+"/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 1}, http.StatusCreated)
	if len(v.Items) != 2 || v.Items[0].Quantity != 4 || v.Items[0].LineTotal.Minor != 4*d0 || v.Items[1].LineTotal.Minor != 2*mq ||
		v.Total.Minor != 4*d0+2*mq || v.Total.Currency != "USD" || !v.Readiness.Ready || v.Items[0].PriceChanged {
		t.Fatalf("cart: %+v", v)
	}

	// Saved: there when she comes back; a quantity set, a line removed.
	v, _ = cartDo(t, a, alice, "PATCH", cart+"/items/"+v.Items[1].Line, map[string]any{"quantity": 7}, http.StatusOK)
	if v.Items[1].Quantity != 7 || v.Total.Minor != 4*d0+7*mq {
		t.Fatalf("after PATCH: %+v", v)
	}

	// A price change since the line was added is shown.
	db.Exec(`UPDATE prices SET unit_minor = unit_minor + 1000 WHERE currency = 'USD' AND price_level = 'E'
		AND product_id = (SELECT id FROM products WHERE part_number = 'E0MQ2LL')`)
	v, _ = cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	it := v.Items[1]
	if !it.PriceChanged || it.PriceWhenAdded == nil || it.PriceWhenAdded.Minor != mq || it.UnitPrice.Minor != mq+1000 ||
		it.LineTotal.Minor != 7*(mq+1000) || v.Total.Minor != 4*d0+7*(mq+1000) || v.Items[0].PriceChanged {
		t.Fatalf("after a price change: %+v", v)
	}

	// No price there any more: price on request, out of the total, and
	// readiness names the part.
	db.Exec(`DELETE FROM prices WHERE currency = 'USD' AND price_level = 'E'
		AND product_id = (SELECT id FROM products WHERE part_number = 'E0MQ2LL')`)
	v, _ = cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	if it := v.Items[1]; !it.PriceOnRequest || it.UnitPrice != nil || it.LineTotal != nil || v.Total.Minor != 4*d0 {
		t.Fatalf("price on request: %+v", v)
	}
	var rd readiness
	r := a.Do("GET", cart+"/checkout-readiness", tokenFor(a, alice), nil)
	r.JSON(t, &rd)
	if rd.Ready || len(rd.Reasons) != 1 || rd.Reasons[0].Code != "price_on_request" || rd.Reasons[0].PartNumber != "E0MQ2LL" {
		t.Fatalf("readiness: %s", r.Body)
	}
	v, _ = cartDo(t, a, alice, "DELETE", cart+"/items/"+v.Items[1].Line, nil, http.StatusOK)
	if len(v.Items) != 1 || !v.Readiness.Ready {
		t.Fatalf("after DELETE: %+v", v)
	}

	// IDR (300101, budi): whole rupiah per line, in minor units.
	var level string
	db.Raw(`SELECT a.volume_level FROM sites s JOIN agreements a ON a.id = s.agreement_id WHERE s.site_number = '300101'`).Scan(&level)
	idr := unitPrice(t, a, "E0MQ2LL", "IDR", level)
	v, _ = cartDo(t, a, budi, "POST", "/v1/sites/300101/cart/items", map[string]any{"part_number": "E0MQ2LL", "quantity": 3}, http.StatusCreated)
	if v.Currency != "IDR" || v.Items[0].LineTotal.Minor != 3*idr || v.Total.Minor != 3*idr || v.Total.Currency != "IDR" || v.Total.Minor%100 != 0 {
		t.Fatalf("IDR cart: %+v", v)
	}

	// Carts are per user per site: alice's is not budi's, and emptying
	// hers leaves his.
	v, _ = cartDo(t, a, alice, "DELETE", cart, nil, http.StatusOK)
	if len(v.Items) != 0 || v.Readiness.Ready {
		t.Fatalf("emptied: %+v", v)
	}
	if v, _ = cartDo(t, a, budi, "GET", "/v1/sites/300101/cart", nil, http.StatusOK); len(v.Items) != 1 {
		t.Fatalf("budi's cart: %+v", v)
	}
	var actions []string
	db.Raw(`SELECT action FROM audit_log WHERE object_type = 'cart' AND actor = ? ORDER BY id`, alice).Scan(&actions)
	want := []string{"cart.item_added", "cart.item_added", "cart.item_added", "cart.item_quantity_changed", "cart.item_removed", "cart.emptied"}
	if len(actions) != len(want) {
		t.Fatalf("audit rows: %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("audit rows: %v, want %v", actions, want)
		}
	}
}
