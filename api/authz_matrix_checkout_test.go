package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// The checkout routes in the authorization matrix (issue 10): starting a
// checkout needs Software & services at full on the site (the matrix
// tries everybody below it and everybody without access); a checkout is
// its user's on its site: everybody else, at full on the site or not, a
// member of another site, staff, gets 404 on it, as on a checkout that
// does not exist. The terms are for anybody signed in.
func init() {
	validBodies["POST /v1/sites/:site/checkouts"] = func(map[string]string) any { return map[string]any{} }
	moreRightUserSteps["POST /v1/sites/:site/checkouts"] = func() []step {
		c := acmeSite + "/cart"
		return []step{
			{"DELETE", c, nil, http.StatusOK},
			{"POST", acmeSite + "/checkouts", nil, http.StatusConflict}, // the cart is empty
			{"POST", c + "/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 1}, http.StatusCreated},
			{"POST", acmeSite + "/checkouts", nil, http.StatusCreated},
			{"POST", acmeSite + "/checkouts", map[string]any{"unexpected": true}, http.StatusBadRequest},
			{"DELETE", c, nil, http.StatusOK},
		}
	}
	nonSiteRoutes["GET /v1/terms/current"] = nonSite{denyTerms, allowTerms}
	for k, v := range map[string]nonSite{
		"GET /v1/checkouts/:checkout":         {denyCheckout("GET", "", nil), allowCheckout("GET", "")},
		"PUT /v1/checkouts/:checkout/details": {denyCheckout("PUT", "/details", details(party())), allowCheckout("PUT", "/details")},
		"POST /v1/checkouts/:checkout/terms":  {denyCheckout("POST", "/terms", terms()), allowCheckout("POST", "/terms")},
		"PUT /v1/checkouts/:checkout/payment": {denyCheckout("PUT", "/payment", poBody("PO-1", "")), allowCheckout("PUT", "/payment")},
	} {
		nonSiteRoutes[k] = v
	}
}

// Signed in: the terms are the same for everybody and carry nothing of
// any site.
func denyTerms(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops} {
		r := m.expect(t, "GET", "/v1/terms/current", who, nil, http.StatusOK)
		m.noLeak(t, "GET /v1/terms/current as "+who, who, r, "/v1/terms/current", nil)
	}
}

func allowTerms(t *testing.T, m *matrix) {
	m.expect(t, "GET", "/v1/terms/current", alice, nil, http.StatusOK)
}

// matrixCheckouts are alice's checkout of 300001 and heidi's of 300002
// the refusals are tried on, written once per matrix in SQL (no audit
// row: the matrix checks that refusals leave the audit log as it was).
var matrixCheckouts = struct {
	sync.Mutex
	of map[*matrix][2]int64
}{of: map[*matrix][2]int64{}}

func sharedCheckouts(t *testing.T, m *matrix) (acme, frankfurt int64) {
	t.Helper()
	matrixCheckouts.Lock()
	defer matrixCheckouts.Unlock()
	c, ok := matrixCheckouts.of[m]
	if !ok {
		c = [2]int64{sqlCheckout(t, m, "300001", alice), sqlCheckout(t, m, "300002", heidi)}
		matrixCheckouts.of[m] = c
	}
	return c[0], c[1]
}

func sqlCheckout(t *testing.T, m *matrix, site, who string) int64 {
	t.Helper()
	var id int64
	if err := m.a.Runtime.DB.Raw(`INSERT INTO checkouts (site_id, user_id, currency, total_minor)
		SELECT s.id, u.id, s.currency, 1000 FROM sites s, users u WHERE s.site_number = ? AND u.email = ? RETURNING id`,
		site, who).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("checkout of %s on %s: %d %v", who, site, id, err)
	}
	return id
}

func checkoutsState(t *testing.T, m *matrix) []string {
	t.Helper()
	return column(t, m.a.Runtime.DB, `SELECT id || ' ' || status || ' ' || coalesce(billing::text, '-') || ' ' ||
		coalesce(terms_version, '-') || ' ' || coalesce(payment_method, '-') FROM checkouts ORDER BY id`)
}

// denyCheckout: alice's checkout is 404 to everybody but alice (her
// site's people at full and below, other sites' members, people without
// access, staff); heidi's, one that does not exist and a malformed id are
// 404 to alice. Nothing changes.
func denyCheckout(method, suffix string, body any) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		acme, frankfurt := sharedCheckouts(t, m)
		before := checkoutsState(t, m)
		p := checkoutPath(acme, suffix)
		m.deny(t, method, p, body, bob, grace, carol, dave, erin, henry, heidi, budi, frank, stranger, ops)
		m.deny(t, method, checkoutPath(frankfurt, suffix), body, alice, dave)
		m.deny(t, method, "/v1/checkouts/999999999"+suffix, body, alice)
		m.deny(t, method, "/v1/checkouts/not-a-checkout"+suffix, body, alice)
		if after := checkoutsState(t, m); !slices.Equal(before, after) {
			t.Errorf("a refused checkout request changed checkouts:\nbefore %v\nafter  %v", before, after)
		}
	}
}

// allowCheckout: alice on a checkout she starts (her cart is left as
// found): the review, details (and a bad one refused), the terms, a
// purchase order.
func allowCheckout(method, suffix string) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		m.expect(t, "POST", acmeSite+"/cart/items", alice, map[string]any{"part_number": "D0R4ZLL", "quantity": 1}, http.StatusCreated)
		r := m.expect(t, "POST", acmeSite+"/checkouts", alice, nil, http.StatusCreated)
		m.expect(t, "DELETE", acmeSite+"/cart", alice, nil, http.StatusOK)
		var co struct{ ID int64 }
		r.JSON(t, &co)
		p := "/v1/checkouts/" + strconv.FormatInt(co.ID, 10)
		switch method + " " + suffix {
		case "GET ":
			m.expect(t, "GET", p, alice, nil, http.StatusOK)
		case "PUT /details":
			m.expect(t, "PUT", p+suffix, alice, details(party("country", "XX")), http.StatusBadRequest)
			m.expect(t, "PUT", p+suffix, alice, details(party()), http.StatusOK)
		case "POST /terms":
			m.expect(t, "POST", p+suffix, alice, terms(), http.StatusOK)
		case "PUT /payment":
			m.expect(t, "PUT", p+suffix, alice, poBody("PO-1", ""), http.StatusConflict) // details first
			m.expect(t, "PUT", p+"/details", alice, details(party()), http.StatusOK)
			m.expect(t, "PUT", p+suffix, alice, poBody("PO-1", ""), http.StatusOK)
		}
	}
}
