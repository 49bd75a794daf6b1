package api_test

import (
	"net/http"
	"testing"
)

// The address recorded with a terms acceptance is the connecting peer's:
// an X-Forwarded-For from a client that is not a trusted proxy (none is,
// by default) is not believed, so nobody can record someone else's
// address.
func TestCheckoutTermsRecordThePeerNotAForwardedAddress(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	co := newCheckout(t, a, alice, "300001", "D0R4ZLL", 1)
	r := a.DoWithHeaders("POST", checkoutPath(co.ID, "/terms"), tokenFor(a, alice),
		map[string]any{"version": "2026-01", "agreement": "I agree"}, map[string]string{"X-Forwarded-For": "203.0.113.9"})
	ok(t, r, http.StatusOK)
	var ip string
	if err := a.Runtime.DB.Raw(`SELECT host(terms_client_ip) FROM checkouts WHERE id = ?`, co.ID).Scan(&ip).Error; err != nil {
		t.Fatal(err)
	}
	if ip != "127.0.0.1" {
		t.Fatalf("recorded client address %q, want the peer 127.0.0.1", ip)
	}
}
