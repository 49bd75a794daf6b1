package api_test

import "testing"

// The entitlement routes in the strange-input tests (issue 12 item 1):
// the inventory reads ?status= and ?limit=, the report ?limit= (a strange
// one is a 400 naming it); :part is an entitlement of 300001 and
// :deployment a record of it, made in the strange world; the valid body
// of a new record is accepted (201).
func init() {
	queryReaders["GET /v1/sites/:site/entitlements"] = []string{"status", "limit"}
	queryValid["GET /v1/sites/:site/entitlements"] = map[string]string{"status": "active"}
	queryReaders["GET /v1/sites/:site/reports/entitlements"] = []string{"limit"}
	baseBodies["POST /v1/sites/:site/entitlements/:part/deployments"] = func() jnode {
		return jobj("name", "Strange input probe", "environment", "production", "quantity", 2, "note", "a note\nover two lines")
	}
	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		w.more["part"] = "E0R50LL"
		w.more["deployment"] = deploymentFixture(t, w.a.Runtime.DB, "300001", "E0R50LL", "Strange world record")
	})
}
