package api_test

import (
	"net/http"
	"testing"
	"time"
)

// TestCheckoutBelongsToItsUserAndSite (G1, B3): a checkout is its user's
// on its site. Another user of the site, even at full, and a member of
// another site get 404 on every checkout route (the same as an id that
// does not exist or is not a number), and nothing changes; the owner whose
// level drops below full is refused (403) on her own checkout.
func TestCheckoutBelongsToItsUserAndSite(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	co := newCheckout(t, a, grace, "300001", "D0R4ZLL", 1) // grace: full on 300001, not its Primary
	routes := []struct {
		method, suffix string
		body           any
	}{
		{"GET", "", nil},
		{"PUT", "/details", details(party())},
		{"POST", "/terms", terms()},
		{"PUT", "/payment", poBody("PO-1", "")},
	}
	for _, rt := range routes {
		p := checkoutPath(co.ID, rt.suffix)
		for _, who := range []string{alice, bob, dave, erin, heidi, budi, frank} {
			refused(t, a, rt.method, p, who, rt.body, http.StatusNotFound, "not-found", "", "")
		}
		for _, bad := range []string{"/v1/checkouts/999999", "/v1/checkouts/abc", "/v1/checkouts/0", "/v1/checkouts/-1", "/v1/checkouts/01"} {
			refused(t, a, rt.method, bad+rt.suffix, grace, rt.body, http.StatusNotFound, "not-found", "", "")
		}
	}
	var v checkoutView
	v, _ = checkoutDo(t, a, grace, "GET", checkoutPath(co.ID, ""), nil, http.StatusOK)
	if v.Billing != nil || v.Terms != nil || v.Payment != nil {
		t.Fatalf("refused callers changed the checkout: %+v", v)
	}
	// Another site's checkout is 404 to alice through its own id as well.
	other := newCheckout(t, a, heidi, "300002", "D0R4ZLL", 1)
	refused(t, a, "GET", checkoutPath(other.ID, ""), alice, nil, http.StatusNotFound, "not-found", "", "")

	// grace's software level drops below full: her own checkout is 403.
	if err := a.Runtime.DB.Exec(`UPDATE site_access SET software = 1 WHERE user_id = (SELECT id FROM users WHERE email = ?)
		AND site_id = (SELECT id FROM sites WHERE site_number = '300001')`, grace).Error; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := a.Do("GET", checkoutPath(co.ID, ""), tokenFor(a, grace), nil)
		if r.Status == http.StatusForbidden || time.Now().After(deadline) {
			assertProblem(t, r, http.StatusForbidden, "forbidden")
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, rt := range routes[1:] {
		refused(t, a, rt.method, checkoutPath(co.ID, rt.suffix), grace, rt.body, http.StatusForbidden, "forbidden", "", "")
	}
}
