package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestCheckoutDetailsNameEveryBadField (G1): PUT details refuses, all at
// once and naming each field, a party with every field wrong (a bad
// country, postal code, email and phone, a name over two lines, an
// address line too long), a field of the wrong type, an unknown key,
// shipping both given and "same as billing", and no shipping at all; a
// refused change changes nothing. Valid details are stored trimmed, the
// country upper-cased, and the review then offers the billing country's
// payment methods.
func TestCheckoutDetailsNameEveryBadField(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	co := newCheckout(t, a, alice, "300001", "D0R4ZLL", 1)
	path := checkoutPath(co.ID, "/details")
	fields := func(body any, want ...string) {
		t.Helper()
		before := count(t, a.Runtime.DB, "audit_log")
		r := a.Do("PUT", path, tokenFor(a, alice), body)
		p := assertProblem(t, r, http.StatusBadRequest, "validation")
		var got []string
		for _, e := range p.Errors {
			got = append(got, e.Field)
			if e.Detail == "" {
				t.Errorf("%s without a detail", e.Field)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("fields = %v, want %v: %s", got, want, r.Body)
		}
		if count(t, a.Runtime.DB, "audit_log") != before {
			t.Error("a refused change wrote an audit row")
		}
		v, _ := checkoutDo(t, a, alice, "GET", checkoutPath(co.ID, ""), nil, http.StatusOK)
		if v.Billing != nil {
			t.Errorf("a refused change stored billing %v", v.Billing)
		}
	}

	bad := party("country", "XX", "postal_code", "no!", "email", "nobody", "phone", "call me", "name", "two\nlines",
		"line1", strings.Repeat("a", 101), "company", "")
	fields(details(bad), "billing.country", "billing.postal_code", "billing.email", "billing.phone", "billing.name",
		"billing.line1", "billing.company")
	fields(map[string]any{"billing": party("postal_code", "123"), "shipping": party("country", "us", "postal_code", "SW1A 1AA")},
		"billing.postal_code", "shipping.postal_code")
	fields(map[string]any{"billing": map[string]any{"name": 7, "fax": "+1 512", "company": "Acme", "line1": "1 Main St",
		"city": "Austin", "postal_code": "78701", "country": "US", "email": "ap@acme.example.com", "phone": "+15125550100"},
		"shipping_same_as_billing": true}, "billing.name", "billing.fax")
	fields(map[string]any{"billing": party(), "shipping": party(), "shipping_same_as_billing": true}, "shipping")
	fields(map[string]any{"billing": party()}, "shipping")
	fields(map[string]any{"billing": "1 Congress Ave", "shipping_same_as_billing": true}, "billing")
	fields(map[string]any{"shipping_same_as_billing": true}, "billing")

	body := map[string]any{"billing": party("name", "  Alice Anders ", "country", "gb", "postal_code", "sw1a 1aa", "city", "London",
		"region", ""), "shipping": party()}
	v, r := checkoutDo(t, a, alice, "PUT", path, body, http.StatusOK)
	if v.Billing["name"] != "Alice Anders" || v.Billing["country"] != "GB" || v.Billing["postal_code"] != "sw1a 1aa" ||
		v.Shipping["country"] != "US" || v.ShippingSameAsBilling || v.PaymentMethods == nil ||
		v.PaymentMethods.Country != "GB" || !slices.Equal(v.PaymentMethods.Offered, []string{"card", "purchase_order"}) ||
		v.PaymentMethods.Default != "card" || !slices.Equal(v.Missing, []string{"terms", "payment"}) {
		t.Errorf("after valid details: %s", r.Body)
	}
	_, e := changes(t, a, "PUT", path, alice, details(party()), http.StatusOK)
	if e.Action != "checkout.details_set" || e.ObjectType != "checkout" || e.SiteID == nil {
		t.Errorf("audit row %+v", e)
	}
	v, _ = checkoutDo(t, a, alice, "GET", checkoutPath(co.ID, ""), nil, http.StatusOK)
	if !v.ShippingSameAsBilling || v.Shipping["country"] != "US" || v.Billing["country"] != "US" {
		t.Errorf("same as billing: %+v %+v", v.Billing, v.Shipping)
	}
}
