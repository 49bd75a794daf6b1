package models_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestCheckoutPurchaseOrdersAreChecked (G2): a purchase order needs a
// number of 1 to 35 letters, digits, spaces and . / _ - starting with a
// letter or digit; its reference is optional, one line of at most 100
// characters. Each failure names its field. The card is the default
// method wherever it is offered.
func TestCheckoutPurchaseOrdersAreChecked(t *testing.T) {
	for _, ok := range [][2]string{{"PO-4711", ""}, {"4500012345", "Austin lab renewal"}, {"A", strings.Repeat("r", 100)},
		{"PO 2026/11.7_x", ""}, {strings.Repeat("9", 35), ""}} {
		if errs := models.CheckPurchaseOrder(ok[0], ok[1]); len(errs) != 0 {
			t.Errorf("%q %q: %v", ok[0], ok[1], errs)
		}
	}
	for _, tc := range []struct{ number, ref, field string }{
		{"", "", "purchase_order.number"},
		{"-PO", "", "purchase_order.number"},
		{"PO#1", "", "purchase_order.number"},
		{strings.Repeat("9", 36), "", "purchase_order.number"},
		{"PO\n1", "", "purchase_order.number"},
		{"PO-1", "a\nb", "purchase_order.reference"},
		{"PO-1", strings.Repeat("r", 101), "purchase_order.reference"},
	} {
		errs := models.CheckPurchaseOrder(tc.number, tc.ref)
		if len(errs) != 1 || errs[0].Field != tc.field {
			t.Errorf("%q %q: %v, want %s", tc.number, tc.ref, errs, tc.field)
		}
	}
	if m := models.DefaultMethod([]models.PaymentMethod{models.PayPurchaseOrder, models.PayCard}); m != models.PayCard {
		t.Errorf("default of both = %s", m)
	}
	if m := models.DefaultMethod([]models.PaymentMethod{models.PayPurchaseOrder}); m != models.PayPurchaseOrder {
		t.Errorf("default of purchase order only = %s", m)
	}
}
