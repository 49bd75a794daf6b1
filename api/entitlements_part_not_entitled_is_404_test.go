package api_test

import (
	"net/http"
	"testing"
)

// A product the site is not entitled to is a 404 on every entitlement
// route of the site: a catalog part it never bought, another site's
// product (300002 holds E0MQ2LL), a part number that does not exist or
// could not be one. Nothing is recorded.
func TestEntitlementsPartNotEntitledIs404(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	for _, part := range []string{"D0R4ZLL", "E0MQ2LL", "ZZZZZ99", "not-a-part", "E0R50LL.json"} {
		for _, q := range []struct {
			method, suffix string
			body           any
		}{
			{"GET", "", nil}, {"GET", "/deployments", nil}, {"POST", "/deployments", deploymentBody("Austin", 1)},
		} {
			p := acmeSite + "/entitlements/" + part + q.suffix
			refused(t, a, q.method, p, alice, q.body, http.StatusNotFound, "not-found", "", "")
		}
	}
	if n := count(t, a.Runtime.DB, "deployments"); n != 0 {
		t.Errorf("%d deployments recorded", n)
	}
	// The same part on its own site is served.
	if r := a.Do("GET", "/v1/sites/300002/entitlements/E0MQ2LL", tokenFor(a, heidi), nil); r.Status != http.StatusOK {
		t.Errorf("E0MQ2LL of 300002 as heidi = %d: %s", r.Status, r.Body)
	}
}
