package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// TestAuthorizationMatrix is the BOLA and function-level authorization
// matrix (SPEC B3): every site-scoped route of the server's own route table
// is tried by people who must be refused, on the target site 300001 and on
// a site that does not exist, and by the right user; refusals are 404 for
// anyone without access (never 403), 403 for access below the route's
// level, and never carry the target site's data. Routes that are not
// site-scoped are listed in nonSiteRoutes (authz_matrix_nonsite_routes_test.go)
// with their expected behaviour, the same rule applying to a route about
// one resource on that resource's site or account; a route that is neither
// fails the test, so a new route cannot ship without a matrix entry.
// Fixtures are in authz_matrix_fixtures_test.go, the machinery in
// authz_matrix_helpers_test.go.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	m := &matrix{a: a}

	// What a refused caller must never see of 300001.
	m.needles = column(t, a.Runtime.DB, `SELECT DISTINCT u.email FROM users u WHERE u.id IN (
		SELECT user_id FROM site_contacts c JOIN sites s ON s.id = c.site_id WHERE s.site_number = '`+targetSite+`'
		UNION SELECT user_id FROM site_access x JOIN sites s ON s.id = x.site_id WHERE s.site_number = '`+targetSite+`')
		ORDER BY 1`)
	if len(m.needles) < 7 {
		t.Fatalf("300001 has only %v", m.needles)
	}
	m.needles = append(m.needles, column(t, a.Runtime.DB, `SELECT s.name FROM sites s WHERE s.site_number = '`+targetSite+`'
		UNION ALL SELECT c.customer_number FROM sites s JOIN customers c ON c.id = s.customer_id WHERE s.site_number = '`+targetSite+`'
		UNION ALL SELECT c.name FROM sites s JOIN customers c ON c.id = s.customer_id WHERE s.site_number = '`+targetSite+`'
		UNION ALL SELECT g.agreement_number FROM sites s JOIN agreements g ON g.id = s.agreement_id WHERE s.site_number = '`+targetSite+`'`)...)

	routes := a.Runtime.API().Routes()
	keys := make([]string, 0, len(routes))
	for k := range routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var site []string
	for _, k := range keys {
		switch _, listed := nonSiteRoutes[k]; {
		case siteScoped(k, routes[k]):
			if listed {
				t.Errorf("route %s is site-scoped and also listed in nonSiteRoutes", k)
			}
			site = append(site, k)
		case !listed:
			t.Errorf("route %s (%s) is neither site-scoped nor listed in nonSiteRoutes: add its matrix entry", k, routes[k])
		}
	}
	for k := range nonSiteRoutes {
		if _, ok := routes[k]; !ok && !devOnly[k] {
			t.Errorf("nonSiteRoutes lists %s, which the server does not register", k)
		}
	}
	if len(site) < 9 {
		t.Fatalf("only %d site-scoped routes: %v", len(site), site)
	}

	// Requests and a support case of 300001's account, to be hidden too.
	m.fx = makeFixtures(t, m)
	m.needles = append(m.needles, nominee, nominee2, nomReason, supReason, caseTitle)

	// Make the stranger exist before the snapshot (first sight creates the user).
	a.Do("GET", "/v1/me", a.Token(stranger), nil)
	staffs := standings(t, a)
	before := snapshot(t, a)

	outsiders := []struct{ who, kind string }{
		{heidi, "member of another site"}, {budi, "member of another site"},
		{frank, "no access"}, {stranger, "no access"}, {ops, "no access (staff)"},
	}
	for _, k := range site {
		need := routes[k]
		method, path, _ := strings.Cut(k, " ")
		mkBody := validBodies[k]
		if mkBody == nil && method != "GET" && method != "DELETE" {
			t.Errorf("route %s has no valid body in validBodies", k)
			mkBody = func(map[string]string) any { return map[string]any{} }
		}
		lower := below(staffs, need)
		if need.Level != models.LevelNone && len(lower) == 0 {
			t.Errorf("route %s (%s): no user of %s is below its level", k, need, targetSite)
		}
		t.Logf("%s (%s): below-level users %v", k, need, lower)
		for _, s := range []string{targetSite, missingSite} {
			for _, params := range expand(t, k, s) {
				p := fill(path, params)
				var body any
				if mkBody != nil {
					body = mkBody(params)
				}
				for _, o := range outsiders {
					r := m.do(t, method, p, o.who, body)
					m.refused(t, fmt.Sprintf("%s %s as %s (%s)", method, p, o.who, o.kind), o.who, r, http.StatusNotFound, p, body)
				}
				for _, u := range lower {
					want := http.StatusForbidden
					if s == missingSite {
						want = http.StatusNotFound
					}
					r := m.do(t, method, p, u, body)
					m.refused(t, fmt.Sprintf("%s %s as %s (below %s)", method, p, u, need), u, r, want, p, body)
				}
				if s == missingSite {
					r := m.do(t, method, p, alice, body)
					m.refused(t, fmt.Sprintf("%s %s as alice (no such site)", method, p), alice, r, http.StatusNotFound, p, body)
				}
			}
		}
	}

	// A member of another site, on her own site, naming 300001's people.
	for _, u := range []string{alice, dave, erin, grace, henry} {
		for _, q := range []struct{ method, path string }{
			{"GET", "/v1/sites/300002/users/" + u + "/privileges"},
			{"DELETE", "/v1/sites/300002/users/" + u},
		} {
			m.deny(t, q.method, q.path, nil, heidi)
		}
	}
	// Her own site's listings carry nothing of 300001 (carol and bob work
	// on both sites and customer 1000001 owns both).
	for _, p := range []string{"/v1/sites/300002", "/v1/sites/300002/contacts", "/v1/sites/300002/users", "/v1/sites/300002/audit"} {
		r := m.do(t, "GET", p, heidi, nil)
		if r.Status != http.StatusOK {
			t.Errorf("GET %s as heidi = %d %s", p, r.Status, r.Body)
		}
		m.noLeak(t, "GET "+p+" as heidi", heidi, r, p, nil, carol, bob, "1000001", "Acme Corporation", "2000001")
	}

	// The refusals of the routes that are not site-scoped.
	for _, k := range keys {
		if ns, ok := nonSiteRoutes[k]; ok {
			t.Run("deny "+k, func(t *testing.T) { ns.deny(t, m) })
		}
	}

	// Nothing the refused callers sent changed anything.
	assertUnchanged(t, a, before)

	// The right user: every site-scoped route works for her.
	steps := rightUserSteps()
	for _, k := range site {
		ss, ok := steps[k]
		if !ok {
			t.Errorf("route %s has no right-user steps in rightUserSteps", k)
			continue
		}
		for _, s := range ss {
			r := m.do(t, s.method, s.path, alice, s.body)
			if r.Status != s.want {
				t.Errorf("%s %s as alice = %d, want %d: %s", s.method, s.path, r.Status, s.want, r.Body)
			}
			switch {
			case r.Status == http.StatusNoContent:
			case r.Status < 300:
				var v map[string]any
				if err := json.Unmarshal(r.Body, &v); err != nil {
					t.Errorf("%s %s: body is not a JSON object: %s", s.method, s.path, r.Body)
				}
			default:
				if r.Status == 401 || r.Status == 403 || r.Status == 404 {
					t.Errorf("%s %s: the right user is refused: %d %s", s.method, s.path, r.Status, r.Body)
				}
				var p api.Problem
				if err := json.Unmarshal(r.Body, &p); err != nil || p.Status != r.Status || p.Detail == "" {
					t.Errorf("%s %s: not a problem: %s", s.method, s.path, r.Body)
				}
			}
		}
	}
	for k := range steps {
		if !slices.Contains(site, k) {
			t.Errorf("rightUserSteps lists %s, which is not a site-scoped route", k)
		}
	}

	// The right users of the routes that are not site-scoped.
	for _, k := range keys {
		if ns, ok := nonSiteRoutes[k]; ok {
			t.Run("allow "+k, func(t *testing.T) { ns.allow(t, m) })
		}
	}

	t.Logf("BOLA matrix: %d attempts, %d leaks", m.attempts, m.leaks)
	fmt.Printf("BOLA matrix: %d attempts (%d refusals checked), %d leaks, %d site-scoped routes\n", m.attempts, m.refusals, m.leaks, len(site))
	if m.attempts < 200 {
		t.Errorf("only %d attempts, want at least 200", m.attempts)
	}
	if m.leaks > 0 {
		t.Errorf("%d leaks", m.leaks)
	}
}
