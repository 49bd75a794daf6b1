package api_test

import (
	"net/http"
	"slices"
	"testing"
)

// TestCheckoutPaymentMethodsDependOnTheBillingCountry (G2, G3a): no method
// before the billing details (409 naming billing); in the US a card (the
// default) or a purchase order; a purchase order chosen there is cleared
// when the billing country becomes Brazil, where only a card is offered
// (a purchase order is a 409 naming method); in China only a purchase
// order (a card is a 409 naming method, the purchase order the default).
// A purchase order is validated naming its fields, and a body may not
// carry the other method's object.
func TestCheckoutPaymentMethodsDependOnTheBillingCountry(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	co := newCheckout(t, a, alice, "300001", "D0R4ZLL", 1)
	pay, det := checkoutPath(co.ID, "/payment"), checkoutPath(co.ID, "/details")

	refused(t, a, "PUT", pay, alice, poBody("PO-4711", ""), http.StatusConflict, "conflict", "G3a", "billing")
	checkoutDo(t, a, alice, "PUT", det, details(party()), http.StatusOK)
	v, r := checkoutDo(t, a, alice, "PUT", pay, poBody(" PO-4711 ", "Austin lab"), http.StatusOK)
	if v.Payment == nil || v.Payment.Method != "purchase_order" || v.Payment.PurchaseOrder == nil ||
		v.Payment.PurchaseOrder.Number != "PO-4711" || v.Payment.PurchaseOrder.Reference != "Austin lab" || v.Payment.Card != nil ||
		slices.Contains(v.Missing, "payment") {
		t.Errorf("a purchase order in the US: %s", r.Body)
	}

	v, r = checkoutDo(t, a, alice, "PUT", det, details(party("country", "BR", "postal_code", "01310-100", "city", "São Paulo")), http.StatusOK)
	if v.Payment != nil || !slices.Equal(v.PaymentMethods.Offered, []string{"card"}) || v.PaymentMethods.Default != "card" ||
		!slices.Contains(v.Missing, "payment") {
		t.Errorf("billing moved to BR: %s", r.Body)
	}
	refused(t, a, "PUT", pay, alice, poBody("PO-4711", ""), http.StatusConflict, "conflict", "G3a", "method")

	v, r = checkoutDo(t, a, alice, "PUT", det, details(party("country", "CN", "postal_code", "100000", "city", "Beijing")), http.StatusOK)
	if !slices.Equal(v.PaymentMethods.Offered, []string{"purchase_order"}) || v.PaymentMethods.Default != "purchase_order" {
		t.Errorf("billing in CN: %s", r.Body)
	}
	refused(t, a, "PUT", pay, alice, cardBody("4242424242424242", "123"), http.StatusConflict, "conflict", "G3a", "method")

	refused(t, a, "PUT", pay, alice, poBody("", "a\nb"), http.StatusBadRequest, "validation", "", "purchase_order.reference")
	refused(t, a, "PUT", pay, alice, poBody("#1", ""), http.StatusBadRequest, "validation", "", "purchase_order.number")
	both := poBody("PO-1", "")
	both["card"] = map[string]any{"number": "4242424242424242"}
	refused(t, a, "PUT", pay, alice, both, http.StatusBadRequest, "validation", "", "card")
	refused(t, a, "PUT", pay, alice, map[string]any{"method": "cash"}, http.StatusBadRequest, "validation", "", "method")
	refused(t, a, "PUT", pay, alice, map[string]any{"method": "purchase_order"}, http.StatusBadRequest, "validation", "", "purchase_order")
	refused(t, a, "PUT", pay, alice, map[string]any{}, http.StatusBadRequest, "validation", "", "method")
	_, e := changes(t, a, "PUT", pay, alice, poBody("4500012345", ""), http.StatusOK)
	if e.Action != "checkout.payment_set" {
		t.Errorf("audit row %+v", e)
	}
}
