package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/auth"
)

// The entitlement routes in the authorization matrix (issue 12 item 1,
// SPEC B1 tool 3, B4): the inventory and deployment records need
// Entitlements >= view on the site (bob, henry and erin, without it, get
// 403; everybody without access to 300001, IBM-side staff included, 404);
// recording a deployment needs Entitlements = update (dave and grace, at
// view, get 403). A deployment record by id is checked on its own site:
// another site's record is 404 whether its id exists or not, and no staff
// role changes one. The report needs Reporting = view (erin 403).
func init() {
	paramValues["part"] = []string{"E0R50LL", "E0VJ6LL"}
	validBodies["POST /v1/sites/:site/entitlements/:part/deployments"] = func(map[string]string) any { return deploymentBody("Matrix probe", 1) }
	s := acmeSite
	moreRightUserSteps["GET /v1/sites/:site/entitlements"] = func() []step {
		return []step{
			{"GET", s + "/entitlements", nil, http.StatusOK},
			{"GET", s + "/entitlements?status=active,expiring&limit=1&q=E0", nil, http.StatusOK},
			{"GET", s + "/entitlements?status=pending", nil, http.StatusBadRequest},
		}
	}
	moreRightUserSteps["GET /v1/sites/:site/entitlements/:part"] = func() []step {
		return []step{{"GET", s + "/entitlements/E0R50LL", nil, http.StatusOK}, {"GET", s + "/entitlements/e0vj6ll", nil, http.StatusOK}}
	}
	moreRightUserSteps["GET /v1/sites/:site/entitlements/:part/deployments"] = func() []step {
		return []step{{"GET", s + "/entitlements/E0R50LL/deployments", nil, http.StatusOK}}
	}
	// The record alice makes stays (its id is not known here); the same
	// name again is a conflict.
	moreRightUserSteps["POST /v1/sites/:site/entitlements/:part/deployments"] = func() []step {
		return []step{
			{"POST", s + "/entitlements/E0VJ6LL/deployments", deploymentBody("Matrix right user", 1), http.StatusCreated},
			{"POST", s + "/entitlements/E0VJ6LL/deployments", deploymentBody("matrix RIGHT user", 1), http.StatusConflict},
			{"POST", s + "/entitlements/E0VJ6LL/deployments", deploymentBody("Matrix right user 2", 0), http.StatusBadRequest},
		}
	}
	moreRightUserSteps["GET /v1/sites/:site/reports/entitlements"] = func() []step {
		return []step{
			{"GET", s + "/reports/entitlements", nil, http.StatusOK},
			{"GET", s + "/reports/entitlements?period=future&limit=1", nil, http.StatusOK},
			{"GET", s + "/reports/entitlements?period=past", nil, http.StatusBadRequest},
		}
	}
	for k, v := range map[string]nonSite{
		"GET /v1/deployments/:deployment":    {denyDeployment("GET", nil, bob, henry, erin), allowGetDeployment},
		"PATCH /v1/deployments/:deployment":  {denyDeployment("PATCH", map[string]any{"quantity": 2}, dave, grace, bob, erin), allowPatchDeployment},
		"DELETE /v1/deployments/:deployment": {denyDeployment("DELETE", nil, dave, grace, bob, erin), allowDeleteDeployment},
	} {
		nonSiteRoutes[k] = v
	}
}

// deploymentBody is a body of POST .../deployments.
func deploymentBody(name string, qty int) map[string]any {
	return map[string]any{"name": name, "environment": "production", "quantity": qty, "note": "recorded by the matrix"}
}

// deploymentFixture records a deployment of site's coverage of part as
// carol, straight in the table (no audit row: the matrix's snapshot of
// refusals must not move), and returns its id.
func deploymentFixture(t *testing.T, db *gorm.DB, site, part, name string) string {
	t.Helper()
	var id int64
	if err := db.Raw(`INSERT INTO deployments (site_id, coverage_id, name, environment, quantity, created_by)
		SELECT c.site_id, c.id, ?, 'test', 3, (SELECT id FROM users WHERE email = ?)
		FROM coverages c JOIN sites s ON s.id = c.site_id JOIN products p ON p.id = c.product_id
		WHERE s.site_number = ? AND p.part_number = ? RETURNING id`, name, carol, site, part).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("deployment fixture %s of %s: %v", part, site, err)
	}
	return strconv.FormatInt(id, 10)
}

// deploymentMatrixFixtures: a record of 300001 and one of 300002.
type deploymentMatrixFixtures struct{ acme, frankfurt string }

var matrixDeployments = struct {
	sync.Mutex
	of map[*matrix]deploymentMatrixFixtures
}{of: map[*matrix]deploymentMatrixFixtures{}}

func sharedDeployments(t *testing.T, m *matrix) deploymentMatrixFixtures {
	t.Helper()
	matrixDeployments.Lock()
	defer matrixDeployments.Unlock()
	fx, ok := matrixDeployments.of[m]
	if !ok {
		db := m.a.Runtime.DB
		fx.acme = deploymentFixture(t, db, targetSite, "E0R50LL", "Matrix Austin")
		fx.frankfurt = deploymentFixture(t, db, "300002", "E0MQ2LL", "Matrix Frankfurt")
		matrixDeployments.of[m] = fx
	}
	return fx
}

func deploymentState(t *testing.T, m *matrix) []string {
	t.Helper()
	return column(t, m.a.Runtime.DB, `SELECT id || ' ' || name || ' ' || environment || ' ' || quantity || ' ' || note || ' ' || updated_at::text
		FROM deployments ORDER BY id`)
}

// denyDeployment: a record of 300001 is 404 to everybody without access
// to 300001 and to every IBM-side role, 403 to lower (access below the
// route's level); an id that does not exist, a malformed one or 300002's
// record is 404 to alice (Primary of 300001 only). Nothing changes.
func denyDeployment(method string, body any, lower ...string) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		fx := sharedDeployments(t, m)
		before := deploymentState(t, m)
		p := "/v1/deployments/" + fx.acme
		m.deny(t, method, p, body, heidi, budi, frank, stranger, ops)
		for _, s := range []struct{ who, role string }{{salesRep, auth.RoleSalesRep}, {renewalRep, auth.RoleRenewalRep}, {ops, auth.RoleIBMOps}} {
			m.attempts++
			r := m.a.Do(method, p, m.a.Token(s.who, s.role), body)
			m.refused(t, fmt.Sprintf("%s %s as %s (%s)", method, p, s.who, s.role), s.who, r, http.StatusNotFound, p, body)
		}
		m.forbid(t, method, p, body, lower...)
		for _, id := range []string{"999999999", "0", "x", "1e3"} {
			m.deny(t, method, "/v1/deployments/"+id, body, alice)
		}
		m.deny(t, method, "/v1/deployments/"+fx.frankfurt, body, alice, dave, erin)
		if after := deploymentState(t, m); !slices.Equal(before, after) {
			t.Errorf("a refused %s changed deployments:\nbefore %v\nafter  %v", method, before, after)
		}
	}
}

func allowGetDeployment(t *testing.T, m *matrix) {
	fx := sharedDeployments(t, m)
	for _, who := range []string{alice, carol, dave, grace} {
		r := m.expect(t, "GET", "/v1/deployments/"+fx.acme, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), `"name":"Matrix Austin"`) || !strings.Contains(string(r.Body), `"usage":{`) {
			t.Errorf("GET /v1/deployments/%s as %s: %s", fx.acme, who, r.Body)
		}
	}
	m.expect(t, "GET", "/v1/deployments/"+fx.frankfurt, heidi, nil, http.StatusOK)
}

func allowPatchDeployment(t *testing.T, m *matrix) {
	fx := sharedDeployments(t, m)
	p := "/v1/deployments/" + fx.acme
	r := m.expect(t, "PATCH", p, carol, map[string]any{"quantity": 5, "environment": "disaster_recovery"}, http.StatusOK)
	if !strings.Contains(string(r.Body), `"quantity":5`) || !strings.Contains(string(r.Body), `"environment":"disaster_recovery"`) {
		t.Errorf("PATCH %s as carol: %s", p, r.Body)
	}
	m.expect(t, "PATCH", p, alice, map[string]any{"note": "checked by alice"}, http.StatusOK)
	m.expect(t, "PATCH", p, alice, map[string]any{"quantity": 0}, http.StatusBadRequest)
	m.expect(t, "PATCH", "/v1/deployments/"+fx.frankfurt, heidi, map[string]any{"quantity": 4}, http.StatusOK)
}

func allowDeleteDeployment(t *testing.T, m *matrix) {
	id := deploymentFixture(t, m.a.Runtime.DB, targetSite, "E0TP9LL", "Matrix throwaway")
	p := "/v1/deployments/" + id
	r := m.expect(t, "DELETE", p, carol, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), `"removed":`+id) {
		t.Errorf("DELETE %s as carol: %s", p, r.Body)
	}
	r = m.do(t, "DELETE", p, carol, nil)
	m.refused(t, "DELETE "+p+" again", carol, r, http.StatusNotFound, p, nil)
}
