package api_test

import (
	"net/http"
	"strconv"
	"testing"
)

// The checkout routes in the strange-input tests (issue 10): the world's
// :checkout is alice's open checkout on 300001, with US details (so the
// valid payment body is accepted). Starting a checkout takes no body.
func init() {
	takesNoBody["POST /v1/sites/:site/checkouts"] = true
	baseBodies["PUT /v1/checkouts/:checkout/details"] = func() jnode {
		return jobj("billing", jobj("name", "Alice Anders", "company", "Acme Corporation", "line1", "1 Congress Ave",
			"line2", "Suite 100", "city", "Austin", "region", "TX", "postal_code", "78701", "country", "US",
			"email", "ap@acme.example.com", "phone", "+1 512 555 0100"), "shipping_same_as_billing", jraw("true"))
	}
	baseBodies["POST /v1/checkouts/:checkout/terms"] = func() jnode { return jobj("version", "2026-01", "agreement", "I agree") }
	baseBodies["PUT /v1/checkouts/:checkout/payment"] = func() jnode {
		return jobj("method", "purchase_order", "purchase_order", jobj("number", "PO-4711", "reference", "Austin lab"))
	}

	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		tok := tokenFor(w.a, alice)
		var cart struct {
			Items []struct {
				Line string `json:"line"`
			} `json:"items"`
		}
		w.a.Do("GET", acmeSite+"/cart", tok, nil).JSON(t, &cart)
		added := ""
		if len(cart.Items) == 0 { // the checkout needs a line; the cart is left as found
			r := w.a.Do("POST", acmeSite+"/cart/items", tok, map[string]any{"part_number": "D0R4ZLL", "quantity": 1})
			r.JSON(t, &cart)
			if r.Status != http.StatusCreated || len(cart.Items) != 1 {
				t.Fatalf("fixture cart line = %d %s", r.Status, r.Body)
			}
			added = cart.Items[0].Line
		}
		r := w.a.Do("POST", acmeSite+"/checkouts", tok, nil)
		var co struct{ ID int64 }
		r.JSON(t, &co)
		if r.Status != http.StatusCreated || co.ID == 0 {
			t.Fatalf("fixture checkout = %d %s", r.Status, r.Body)
		}
		if added != "" {
			if r := w.a.Do("DELETE", acmeSite+"/cart/items/"+added, tok, nil); r.Status != http.StatusOK {
				t.Fatalf("fixture cart line removal = %d %s", r.Status, r.Body)
			}
		}
		if r := w.a.Do("PUT", checkoutPath(co.ID, "/details"), tok, details(party())); r.Status != http.StatusOK {
			t.Fatalf("fixture checkout details = %d %s", r.Status, r.Body)
		}
		w.more["checkout"] = strconv.FormatInt(co.ID, 10)
	})
}
