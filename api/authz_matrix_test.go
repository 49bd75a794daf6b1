package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The BOLA and function-level authorization matrix (SPEC B3): every
// site-scoped route of the server's own route table is tried by people who
// must be refused, on the target site 300001 and on a site that does not
// exist, and by the right user; refusals are 404 for anyone without access
// (never 403), 403 for access below the route's level, and never carry the
// target site's data. Routes that are not site-scoped are listed in
// nonSiteRoutes with their expected behaviour; a route that is neither
// fails the test, so a new route cannot ship without a matrix entry.

const (
	targetSite  = "300001"
	missingSite = "999999"
	stranger    = "stranger@elsewhere.example.org" // signed in, never seen before
)

// paramValues fill the path parameters of site-scoped routes; each
// combination is a separate attempt.
var paramValues = map[string][]string{
	"role":  {"primary", "administrative", "technical", "secondary", "renewal", "media", "billing"},
	"email": {carol, dave, erin},
	"user":  {erin, carol, grace, alice},
}

// validBodies make a refused mutation fail for authorization, not
// validation: each is accepted when the right user sends it.
var validBodies = map[string]func(params map[string]string) any{
	"PUT /v1/sites/:site/contacts/:role":         func(map[string]string) any { return contact(erin) },
	"PUT /v1/sites/:site/users/:user/privileges": func(map[string]string) any { return privs("software", "downloads") },
}

// step is one request of the right user and the status it must get.
type step struct {
	method, path string
	body         any
	want         int
}

// rightUserSteps are what the right user (alice, Primary of 300001) gets
// on each site-scoped route of 300001: the route works for her (2xx, or a
// business refusal that is not 401/403/404). Each route's steps leave the
// state as they found it.
func rightUserSteps() map[string][]step {
	s := acmeSite
	holder := map[string]string{"primary": alice, "administrative": bob, "technical": carol, "secondary": dave,
		"renewal": bob, "media": carol, "billing": henry}
	var putContact []step
	for _, r := range paramValues["role"] {
		putContact = append(putContact, step{"PUT", s + "/contacts/" + r, contact(holder[r]), http.StatusConflict})
	}
	putContact = append(putContact,
		step{"PUT", s + "/contacts/secondary", contact(erin), http.StatusOK},
		step{"DELETE", s + "/contacts/secondary/" + erin, nil, http.StatusOK})
	var getPriv []step
	for _, u := range paramValues["user"] {
		getPriv = append(getPriv, step{"GET", s + "/users/" + u + "/privileges", nil, http.StatusOK})
	}
	return map[string][]step{
		"GET /v1/sites/:site":                {{"GET", s, nil, http.StatusOK}},
		"GET /v1/sites/:site/contacts":       {{"GET", s + "/contacts", nil, http.StatusOK}},
		"PUT /v1/sites/:site/contacts/:role": putContact,
		"DELETE /v1/sites/:site/contacts/:role/:email": {
			{"DELETE", s + "/contacts/primary/" + alice, nil, http.StatusConflict},
			{"DELETE", s + "/contacts/technical/" + carol, nil, http.StatusConflict},
			{"PUT", s + "/contacts/secondary", contact(erin), http.StatusOK},
			{"DELETE", s + "/contacts/secondary/" + erin, nil, http.StatusOK},
		},
		"GET /v1/sites/:site/users":                  {{"GET", s + "/users", nil, http.StatusOK}},
		"GET /v1/sites/:site/users/:user/privileges": getPriv,
		"PUT /v1/sites/:site/users/:user/privileges": {
			{"PUT", s + "/users/" + erin + "/privileges", privs("software", "downloads"), http.StatusOK},
			{"PUT", s + "/users/" + alice + "/privileges", privs("software", "downloads"), http.StatusConflict},
		},
		"DELETE /v1/sites/:site/users/:user": {
			{"PUT", s + "/users/temp@acme.example.com/privileges", privs("software", "downloads"), http.StatusOK},
			{"DELETE", s + "/users/temp@acme.example.com", nil, http.StatusNoContent},
			{"DELETE", s + "/users/" + alice, nil, http.StatusConflict},
		},
		"GET /v1/sites/:site/audit": {{"GET", s + "/audit?limit=3", nil, http.StatusOK}},
	}
}

// matrix is the state of one run.
type matrix struct {
	a        *testenv.App
	needles  []string // data of site 300001 that must not reach a refused caller
	fx       fixtures
	attempts int
	refusals int
	leaks    int
}

// siteScoped reports whether a route is authorized on its :site parameter.
func siteScoped(key string, n api.Need) bool {
	_, path, _ := strings.Cut(key, " ")
	if !strings.Contains(path+"/", "/:site/") {
		return false
	}
	s := n.String()
	return s == "access to the site" || strings.HasSuffix(s, " on the site")
}

// nonSite is the expected behaviour of a route that is not site-scoped:
// deny runs with the refused callers (and must change nothing), allow with
// the right users afterwards.
type nonSite struct{ deny, allow func(t *testing.T, m *matrix) }

// nonSiteRoutes is every /v1 route that is not site-scoped, with its
// expected behaviour.
var nonSiteRoutes = map[string]nonSite{
	"GET /v1/me":           {denyMe, allowMe},
	"POST /v1/enrollments": {denyEnrollments, allowEnrollments},
	"GET /v1/dev/mail":     {denyDevMail, allowDevMail},

	"POST /v1/nominations":              {denyPostNomination, allowPostNomination},
	"GET /v1/nominations":               {denyListNominations, allowListNominations},
	"GET /v1/nominations/:id":           {denyGetNomination, allowGetNomination},
	"POST /v1/nominations/:id/decision": {denyDecideNomination, allowDecideNomination},
	"POST /v1/nominations/:id/withdraw": {denyWithdrawNomination, allowWithdrawNomination},

	"POST /v1/support-access-requests":              {denyPostSupportRequest, allowPostSupportRequest},
	"GET /v1/support-access-requests":               {denyListSupportRequests, allowListSupportRequests},
	"GET /v1/support-access-requests/:id":           {denyGetSupportRequest, allowGetSupportRequest},
	"POST /v1/support-access-requests/:id/decision": {denyDecideSupportRequest, allowDecideSupportRequest},
	"POST /v1/support-access-requests/:id/withdraw": {denyWithdrawSupportRequest, allowWithdrawSupportRequest},

	"POST /v1/accounts/:customer/cases":     {denyPostCase, allowPostCase},
	"GET /v1/accounts/:customer/cases":      {denyListCases, allowListCases},
	"GET /v1/cases/:id":                     {denyGetCase, allowGetCase},
	"POST /v1/cases/:id/updates":            {denyPostCaseUpdate, allowPostCaseUpdate},
	"POST /v1/cases/:id/interested-parties": {denyPostCaseParty, allowPostCaseParty},

	"GET /v1/accounts/:customer/support-users":       {denySupportUsers, allowSupportUsers},
	"PUT /v1/accounts/:customer/support-users/:user": {denySetSupportLevel, allowSetSupportLevel},
}

// devOnly are the nonSiteRoutes served in dev mode only.
var devOnly = map[string]bool{"GET /v1/dev/mail": true}

func decodeMe(t *testing.T, r testenv.Response) meBody {
	t.Helper()
	var b meBody
	r.JSON(t, &b)
	return b
}

func (m *matrix) do(t *testing.T, method, path, who string, body any) testenv.Response {
	t.Helper()
	m.attempts++
	return m.a.Do(method, path, tokenFor(m.a, who), body)
}

// noLeak fails if the body of r carries any needle the caller did not
// supply itself (their own email, the path or the body), other than those
// excepted.
func (m *matrix) noLeak(t *testing.T, what, who string, r testenv.Response, path string, body any, except ...string) {
	t.Helper()
	sent := strings.ToLower(who + " " + path)
	if body != nil {
		b, _ := json.Marshal(body)
		sent += " " + strings.ToLower(string(b))
	}
	got := strings.ToLower(string(r.Body))
	for _, n := range m.needles {
		ln := strings.ToLower(n)
		if slices.Contains(except, n) || strings.Contains(sent, ln) {
			continue
		}
		if strings.Contains(got, ln) {
			m.leaks++
			t.Errorf("LEAK: %s: body carries %q: %s", what, n, r.Body)
		}
	}
}

// refused checks a refusal: its status, a problem body, and no leak.
func (m *matrix) refused(t *testing.T, what, who string, r testenv.Response, status int, path string, body any) {
	t.Helper()
	m.refusals++
	if r.Status != status {
		t.Errorf("%s = %d, want %d: %s", what, r.Status, status, r.Body)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("%s: Content-Type %q", what, r.Header.Get("Content-Type"))
	}
	m.noLeak(t, what, who, r, path, body)
}

// deny sends a request each of who must get 404 for, with no leak.
func (m *matrix) deny(t *testing.T, method, path string, body any, who ...string) {
	t.Helper()
	for _, w := range who {
		r := m.do(t, method, path, w, body)
		m.refused(t, fmt.Sprintf("%s %s as %s", method, path, w), w, r, http.StatusNotFound, path, body)
	}
}

// expect sends a request of a right user and checks its status (one of
// want) and that a success has a JSON object body.
func (m *matrix) expect(t *testing.T, method, path, who string, body any, want ...int) testenv.Response {
	t.Helper()
	r := m.do(t, method, path, who, body)
	if !slices.Contains(want, r.Status) {
		t.Errorf("%s %s as %s = %d, want %v: %s", method, path, who, r.Status, want, r.Body)
		return r
	}
	if r.Status < 300 && r.Status != http.StatusNoContent {
		var v map[string]any
		if err := json.Unmarshal(r.Body, &v); err != nil {
			t.Errorf("%s %s as %s: body is not a JSON object: %s", method, path, who, r.Body)
		}
	}
	return r
}

// expand lists every concrete path of a route for site, one per
// combination of parameter values.
func expand(t *testing.T, key, site string) []map[string]string {
	t.Helper()
	_, path, _ := strings.Cut(key, " ")
	combos := []map[string]string{{"site": site}}
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, ":") || seg == ":site" {
			continue
		}
		name := seg[1:]
		vals, ok := paramValues[name]
		if !ok {
			t.Errorf("route %s has path parameter :%s that the matrix has no values for: add them to paramValues", key, name)
			return nil
		}
		var next []map[string]string
		for _, c := range combos {
			for _, v := range vals {
				n := map[string]string{name: v}
				for k, x := range c {
					n[k] = x
				}
				next = append(next, n)
			}
		}
		combos = next
	}
	return combos
}

func fill(path string, params map[string]string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = params[s[1:]]
		}
	}
	return strings.Join(segs, "/")
}

// standing is a user's effective privileges on 300001.
type standing struct {
	email string
	p     models.Privileges
}

// standings lists everyone with access to 300001 but the Primary, with
// their effective privileges.
func standings(t *testing.T, a *testenv.App) []standing {
	t.Helper()
	var rows []struct {
		models.SiteAccess
		Email string
	}
	if err := a.Runtime.DB.Table("site_access").Select("site_access.*, users.email").
		Joins("JOIN users ON users.id = site_access.user_id").Joins("JOIN sites ON sites.id = site_access.site_id").
		Where("sites.site_number = ?", targetSite).Order("users.email").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	primaries := column(t, a.Runtime.DB, `SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
		JOIN sites s ON s.id = c.site_id WHERE s.site_number = '`+targetSite+`' AND c.role = 'primary'`)
	var out []standing
	for _, r := range rows {
		if slices.Contains(primaries, r.Email) {
			continue
		}
		out = append(out, standing{r.Email, r.SiteAccess.Privileges()})
	}
	return out
}

// below picks up to three users of 300001 under the route's level, the
// closest to it first ("one level below"); none for routes that need only
// access to the site.
func below(all []standing, n api.Need) []string {
	if n.Level == models.LevelNone {
		return nil
	}
	var c []standing
	for _, s := range all {
		if s.p.Get(n.Tool) < n.Level {
			c = append(c, s)
		}
	}
	sort.SliceStable(c, func(i, j int) bool { return c[i].p.Get(n.Tool) > c[j].p.Get(n.Tool) })
	var out []string
	for i := 0; i < len(c) && i < 3; i++ {
		out = append(out, c[i].email)
	}
	return out
}

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

// Every route on the engine under /v1 declares its requirement (B3), and
// the route table holds nothing the engine does not serve.
func TestEveryV1RouteDeclaresItsRequirement(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	srv := a.Runtime.API()
	declared := srv.Routes()
	served := map[string]bool{}
	n := 0
	for _, r := range srv.Engine().Routes() {
		if !strings.HasPrefix(r.Path, "/v1/") && r.Path != "/v1" {
			continue
		}
		n++
		key := r.Method + " " + r.Path
		served[key] = true
		need, ok := declared[key]
		if !ok || !need.Declared() {
			t.Errorf("%s is served without a declared requirement", key)
			continue
		}
		if s := need.String(); s == "" || s == "undeclared" {
			t.Errorf("%s: requirement %q", key, s)
		}
	}
	for key := range declared {
		if !served[key] {
			t.Errorf("%s is declared but not served", key)
		}
	}
	if n < 11 {
		t.Errorf("only %d /v1 routes on the engine", n)
	}
}

// startWorld starts the API and the worker (request decisions run in
// workflows) in dev mode, with a mail sink, and loads the demo dataset.
func startWorld(t *testing.T) *testenv.App {
	t.Helper()
	sink := &mail.Sink{}
	if err := sink.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sink.Close() })
	a := testenv.StartApp(t, testenv.Options{Env: map[string]string{
		"PAO_SMTP_PORT": strconv.Itoa(sink.Port()), "PAO_MAIL_POLL": "50ms", "PAO_DEV_MODE": "true",
	}})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return a
}

// Markers planted in 300001's account: requests about it and a support
// case of its customer. Only its approvers and support people see them.
const (
	nominee   = "nominee@elsewhere.example.org"
	nominee2  = "nominee2@elsewhere.example.org"
	nomReason = "NOMREASON-7f3 I run the Austin build farm"
	supReason = "SUPREASON-9c1 I need to follow our outage cases"
	caseTitle = "CASETITLE-5d2 Db2 outage in Austin"
)

// fixtures are the ids of the planted requests and case.
type fixtures struct {
	nomination, nomination2 string // by nominee, nominee2 for 300001
	support, support2       string // by erin, henry for customer 1000001
	caseID                  string // opened by bob (support basic) on 1000001
}

func accessRequest(customer, site, email, reason string) map[string]any {
	b := map[string]any{"customer_number": customer, "name": "Some One", "email": email,
		"company": "Elsewhere Ltd", "phone": "+15555550100", "reason": reason}
	if site != "" {
		b["site_number"] = site
	}
	return b
}

func makeFixtures(t *testing.T, m *matrix) fixtures {
	t.Helper()
	create := func(path, who string, body any) string {
		t.Helper()
		r := m.a.Do("POST", path, tokenFor(m.a, who), body)
		if r.Status != http.StatusCreated {
			t.Fatalf("POST %s as %s = %d %s", path, who, r.Status, r.Body)
		}
		// What a requester is told on submitting carries none of the
		// site's people.
		m.noLeak(t, "POST "+path+" as "+who, who, r, path, body)
		var v struct {
			ID   any `json:"id"`
			Case struct {
				ID int64 `json:"id"`
			} `json:"case"`
		}
		r.JSON(t, &v)
		if v.ID != nil {
			return fmt.Sprint(v.ID)
		}
		return strconv.FormatInt(v.Case.ID, 10)
	}
	var fx fixtures
	fx.nomination = create("/v1/nominations", nominee, accessRequest("1000001", targetSite, nominee, nomReason))
	fx.nomination2 = create("/v1/nominations", nominee2, accessRequest("1000001", targetSite, nominee2, nomReason))
	fx.support = create("/v1/support-access-requests", erin, accessRequest("1000001", "", erin, supReason))
	fx.support2 = create("/v1/support-access-requests", henry, accessRequest("1000001", "", henry, supReason))
	fx.caseID = create("/v1/accounts/1000001/cases", bob, map[string]any{"title": caseTitle, "description": "the secret details", "severity": 2})
	// Wait for the workflows to record their submission (an audit row
	// each), so nothing changes behind the refused callers' backs.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int64
		if err := m.a.Runtime.DB.Model(&models.AuditEntry{}).Where("action = ?", "request.submit").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of 4 requests recorded their submission", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fx
}

func requestIDs(t *testing.T, r testenv.Response) []string {
	t.Helper()
	var v struct {
		Requests []struct {
			ID string `json:"id"`
		} `json:"requests"`
	}
	r.JSON(t, &v)
	out := []string{}
	for _, x := range v.Requests {
		out = append(out, x.ID)
	}
	return out
}

// Signed in: any user, their own data only.
func denyMe(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops, nominee} {
		r := m.expect(t, "GET", "/v1/me", who, nil, http.StatusOK)
		b := decodeMe(t, r)
		if b.Email != who {
			t.Errorf("GET /v1/me as %s names %s", who, b.Email)
		}
		for _, s := range b.Sites {
			if s.SiteNumber == targetSite {
				t.Errorf("GET /v1/me as %s lists site %s", who, targetSite)
			}
		}
		// heidi's own site 300002 belongs to customer 1000001: that number
		// is hers to see; 300001's people and name are not.
		m.noLeak(t, "GET /v1/me as "+who, who, r, "/v1/me", nil, "1000001", "Acme Corporation", "2000001")
	}
}

func allowMe(t *testing.T, m *matrix) {
	r := m.expect(t, "GET", "/v1/me", alice, nil, http.StatusOK)
	if b := decodeMe(t, r); len(b.Sites) != 1 || b.Sites[0].SiteNumber != targetSite || !b.Sites[0].Primary {
		t.Errorf("alice's /v1/me = %+v", b)
	}
}

// Staff only: the route does not exist for anyone else.
func denyEnrollments(t *testing.T, m *matrix) {
	body := map[string]any{
		"kind": "additional", "agreement_number": "2000001", "site_number": "300777", "site_name": "Acme Annex",
		"country": "US", "currency": "USD", "primary_contact_email": frank,
	}
	m.deny(t, "POST", "/v1/enrollments", body, frank, stranger, heidi, budi, alice, grace, erin)
	r := m.a.Do("POST", "/v1/enrollments", m.a.Token("sales@ibm.example.com", "sales-rep"), body)
	m.attempts++
	m.refused(t, "POST /v1/enrollments as sales-rep", "sales@ibm.example.com", r, http.StatusNotFound, "/v1/enrollments", body)
}

func allowEnrollments(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/enrollments", ops, map[string]any{}, http.StatusBadRequest)
}

// Dev mode: the caller's own mail only.
func denyDevMail(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops} {
		r := m.expect(t, "GET", "/v1/dev/mail", who, nil, http.StatusOK)
		m.noLeak(t, "GET /v1/dev/mail as "+who, who, r, "/v1/dev/mail", nil)
	}
}

func allowDevMail(t *testing.T, m *matrix) {
	m.expect(t, "GET", "/v1/dev/mail", alice, nil, http.StatusOK)
}

// Self-nomination: anyone signed in may ask, and learns nothing of the site
// by asking.
func denyPostNomination(t *testing.T, m *matrix) {
	try := func(who string, body any, status int) {
		t.Helper()
		r := m.do(t, "POST", "/v1/nominations", who, body)
		m.refused(t, "POST /v1/nominations as "+who, who, r, status, "/v1/nominations", body)
	}
	try(budi, accessRequest("1000002", targetSite, budi, "wrong customer for the site"), http.StatusUnprocessableEntity)
	try(frank, accessRequest("1000001", missingSite, frank, "no such site"), http.StatusUnprocessableEntity)
	try(frank, accessRequest("1000001", targetSite, alice, "someone else's email"), http.StatusBadRequest)
	try(nominee, accessRequest("1000001", targetSite, nominee, "a second pending request"), http.StatusConflict)
	try(erin, accessRequest("1000001", targetSite, erin, "already has access"), http.StatusConflict)
}

func allowPostNomination(t *testing.T, m *matrix) {
	// The fixtures were created by the right users (201, no leak); one more
	// for a site the caller may ask for.
	m.expect(t, "POST", "/v1/nominations", frank, accessRequest("1000002", "300101", frank, "please"), http.StatusCreated)
}

func denyListNominations(t *testing.T, m *matrix) {
	for _, who := range []string{heidi, budi, frank, stranger, erin, dave, nominee2} {
		for _, q := range []string{"?as=approver", "", "?as=approver&status=pending"} {
			r := m.expect(t, "GET", "/v1/nominations"+q, who, nil, http.StatusOK)
			ids := requestIDs(t, r)
			if slices.Contains(ids, m.fx.nomination) {
				m.leaks++
				t.Errorf("LEAK: GET /v1/nominations%s as %s lists nominee's request", q, who)
			}
			if who != nominee2 {
				m.noLeak(t, "GET /v1/nominations"+q+" as "+who, who, r, "/v1/nominations"+q, nil)
			}
		}
	}
}

func allowListNominations(t *testing.T, m *matrix) {
	for _, c := range []struct{ who, q string }{{alice, "?as=approver"}, {grace, "?as=approver"}, {nominee, ""}} {
		r := m.expect(t, "GET", "/v1/nominations"+c.q, c.who, nil, http.StatusOK)
		if !slices.Contains(requestIDs(t, r), m.fx.nomination) {
			t.Errorf("GET /v1/nominations%s as %s does not list the request: %s", c.q, c.who, r.Body)
		}
	}
}

func denyGetNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination
	m.deny(t, "GET", p, nil, heidi, budi, frank, stranger, ops, erin, dave, carol, bob, henry, nominee2)
	m.deny(t, "GET", "/v1/nominations/"+uuid.NewString(), nil, alice)
	m.deny(t, "GET", "/v1/nominations/not-a-uuid", nil, alice)
	m.deny(t, "GET", "/v1/nominations/"+m.fx.support, nil, alice, carol, erin)
}

func allowGetNomination(t *testing.T, m *matrix) {
	for _, who := range []string{alice, grace, nominee} {
		r := m.expect(t, "GET", "/v1/nominations/"+m.fx.nomination, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), nomReason) {
			t.Errorf("GET nomination as %s: %s", who, r.Body)
		}
	}
}

var rejectBody = map[string]any{"decision": "reject", "reason": "not now"}

func denyDecideNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination + "/decision"
	m.deny(t, "POST", p, rejectBody, heidi, budi, frank, stranger, ops, erin, dave, carol, nominee, nominee2)
	m.deny(t, "POST", "/v1/nominations/"+m.fx.support+"/decision", rejectBody, alice, carol)
	m.deny(t, "POST", "/v1/nominations/"+uuid.NewString()+"/decision", rejectBody, alice)
}

func allowDecideNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination + "/decision"
	r := m.expect(t, "POST", p, alice, rejectBody, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"rejected"`) {
		t.Errorf("decision: %s", r.Body)
	}
	m.expect(t, "POST", p, grace, rejectBody, http.StatusConflict)
}

func denyWithdrawNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination2 + "/withdraw"
	m.deny(t, "POST", p, nil, heidi, budi, frank, stranger, alice, grace, nominee)
	m.deny(t, "POST", "/v1/nominations/"+m.fx.support2+"/withdraw", nil, henry)
}

func allowWithdrawNomination(t *testing.T, m *matrix) {
	r := m.expect(t, "POST", "/v1/nominations/"+m.fx.nomination2+"/withdraw", nominee2, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"withdrawn"`) {
		t.Errorf("withdraw: %s", r.Body)
	}
}

// Support-access requests: per account; only the account's people may ask.
func denyPostSupportRequest(t *testing.T, m *matrix) {
	try := func(who string, body any, status int) {
		t.Helper()
		r := m.do(t, "POST", "/v1/support-access-requests", who, body)
		m.refused(t, "POST /v1/support-access-requests as "+who, who, r, status, "/v1/support-access-requests", body)
	}
	for _, who := range []string{budi, frank, stranger, nominee} {
		try(who, accessRequest("1000001", "", who, "let me see the cases"), http.StatusUnprocessableEntity)
	}
	try(erin, accessRequest("1000001", "", erin, "a second pending request"), http.StatusConflict)
	try(heidi, accessRequest("1000001", "", heidi, "already has full"), http.StatusConflict)
	try(dave, accessRequest("1000001", targetSite, dave, "with a site"), http.StatusBadRequest)
}

func allowPostSupportRequest(t *testing.T, m *matrix) {
	// erin and henry's fixtures were created by right users; one more by
	// someone else of another account.
	m.expect(t, "POST", "/v1/support-access-requests", "siti@nusantara.example.com",
		map[string]any{"customer_number": "1000002", "name": "Siti", "email": "siti@nusantara.example.com",
			"company": "PT Nusantara", "phone": "+62215550302", "reason": "raise to full"}, http.StatusConflict, http.StatusCreated)
}

func denyListSupportRequests(t *testing.T, m *matrix) {
	for _, who := range []string{budi, frank, stranger, heidi, alice, bob, dave} {
		for _, q := range []string{"?as=approver", ""} {
			r := m.expect(t, "GET", "/v1/support-access-requests"+q, who, nil, http.StatusOK)
			if ids := requestIDs(t, r); slices.Contains(ids, m.fx.support) || slices.Contains(ids, m.fx.support2) {
				m.leaks++
				t.Errorf("LEAK: GET /v1/support-access-requests%s as %s lists erin's or henry's request", q, who)
			}
		}
	}
}

func allowListSupportRequests(t *testing.T, m *matrix) {
	for _, c := range []struct{ who, q string }{{carol, "?as=approver"}, {erin, ""}} {
		r := m.expect(t, "GET", "/v1/support-access-requests"+c.q, c.who, nil, http.StatusOK)
		if !slices.Contains(requestIDs(t, r), m.fx.support) {
			t.Errorf("GET /v1/support-access-requests%s as %s does not list erin's request: %s", c.q, c.who, r.Body)
		}
	}
}

func denyGetSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support
	m.deny(t, "GET", p, nil, budi, frank, stranger, ops, heidi, alice, grace, bob, dave, henry)
	m.deny(t, "GET", "/v1/support-access-requests/"+m.fx.nomination, nil, alice, carol, nominee)
	m.deny(t, "GET", "/v1/support-access-requests/"+uuid.NewString(), nil, carol)
}

func allowGetSupportRequest(t *testing.T, m *matrix) {
	for _, who := range []string{carol, erin} {
		r := m.expect(t, "GET", "/v1/support-access-requests/"+m.fx.support, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), supReason) {
			t.Errorf("GET support request as %s: %s", who, r.Body)
		}
	}
}

func denyDecideSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support + "/decision"
	m.deny(t, "POST", p, rejectBody, budi, frank, stranger, ops, heidi, alice, grace, bob, erin)
	m.deny(t, "POST", "/v1/support-access-requests/"+m.fx.nomination+"/decision", rejectBody, alice, carol)
}

func allowDecideSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support + "/decision"
	r := m.expect(t, "POST", p, carol, rejectBody, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"rejected"`) {
		t.Errorf("decision: %s", r.Body)
	}
	m.expect(t, "POST", p, carol, rejectBody, http.StatusConflict)
}

func denyWithdrawSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support2 + "/withdraw"
	m.deny(t, "POST", p, nil, carol, budi, frank, erin, alice)
	m.deny(t, "POST", "/v1/support-access-requests/"+m.fx.nomination2+"/withdraw", nil, nominee2)
}

func allowWithdrawSupportRequest(t *testing.T, m *matrix) {
	r := m.expect(t, "POST", "/v1/support-access-requests/"+m.fx.support2+"/withdraw", henry, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"withdrawn"`) {
		t.Errorf("withdraw: %s", r.Body)
	}
}

// Support cases (D1): no support access on the account is 404, whoever
// the caller is; heidi (full on 1000001) is a right user here.
var (
	noSupport  = []string{budi, frank, stranger, ops, erin, henry}
	newCase    = map[string]any{"title": "Printer on fire", "description": "it burns", "severity": 3}
	caseUpdate = map[string]any{"body": "any news?"}
)

func denyPostCase(t *testing.T, m *matrix) {
	m.deny(t, "POST", "/v1/accounts/1000001/cases", newCase, noSupport...)
	m.deny(t, "POST", "/v1/accounts/9999999/cases", newCase, bob, alice)
	m.deny(t, "POST", "/v1/accounts/1000002/cases", newCase, bob, alice, heidi) // another account
}

func allowPostCase(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/accounts/1000001/cases", dave, newCase, http.StatusCreated)
}

func denyListCases(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/accounts/1000001/cases", nil, noSupport...)
	m.deny(t, "GET", "/v1/accounts/9999999/cases", nil, bob)
	m.deny(t, "GET", "/v1/accounts/1000002/cases", nil, bob, alice, heidi)
	// Basic access sees only one's own cases.
	r := m.expect(t, "GET", "/v1/accounts/1000001/cases", dave, nil, http.StatusOK)
	if strings.Contains(string(r.Body), caseTitle) {
		m.leaks++
		t.Errorf("LEAK: dave (basic) sees bob's case: %s", r.Body)
	}
}

func allowListCases(t *testing.T, m *matrix) {
	for _, who := range []string{bob, alice, heidi, carol} {
		r := m.expect(t, "GET", "/v1/accounts/1000001/cases", who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), caseTitle) {
			t.Errorf("cases as %s: %s", who, r.Body)
		}
	}
}

func denyGetCase(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/cases/"+m.fx.caseID, nil, append(noSupport, dave)...)
	m.deny(t, "GET", "/v1/cases/999999999", nil, alice)
	m.deny(t, "GET", "/v1/cases/not-a-number", nil, alice)
}

func allowGetCase(t *testing.T, m *matrix) {
	for _, who := range []string{bob, alice, heidi, carol} {
		r := m.expect(t, "GET", "/v1/cases/"+m.fx.caseID, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), caseTitle) {
			t.Errorf("case as %s: %s", who, r.Body)
		}
	}
}

func denyPostCaseUpdate(t *testing.T, m *matrix) {
	m.deny(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", caseUpdate, append(noSupport, dave)...)
	m.deny(t, "POST", "/v1/cases/999999999/updates", caseUpdate, alice)
}

func allowPostCaseUpdate(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", bob, caseUpdate, http.StatusCreated)
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", alice, caseUpdate, http.StatusCreated)
}

func denyPostCaseParty(t *testing.T, m *matrix) {
	body := map[string]any{"email": grace}
	m.deny(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", body, append(noSupport, dave)...)
	m.deny(t, "POST", "/v1/cases/999999999/interested-parties", body, alice)
	// bob owns the case with basic access; adding parties needs full.
	r := m.do(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", bob, body)
	if r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
		t.Errorf("bob (basic) adds an interested party: %d %s", r.Status, r.Body)
	}
}

func allowPostCaseParty(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", alice, map[string]any{"email": grace}, http.StatusCreated)
}

// Support users (D1 administrators): no support access or another account
// is 404; basic and full holders are 403; the STC (administrator) manages.
func denySupportUsers(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/accounts/1000001/support-users", nil, noSupport...)
	m.deny(t, "GET", "/v1/accounts/1000002/support-users", nil, carol, alice)
	for _, who := range []string{dave, bob} {
		r := m.do(t, "GET", "/v1/accounts/1000001/support-users", who, nil)
		m.refused(t, "support-users as "+who, who, r, http.StatusForbidden, "/v1/accounts/1000001/support-users", nil)
	}
}

func allowSupportUsers(t *testing.T, m *matrix) {
	r := m.expect(t, "GET", "/v1/accounts/1000001/support-users", carol, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), erin) {
		t.Errorf("support users as carol: %s", r.Body)
	}
}

func denySetSupportLevel(t *testing.T, m *matrix) {
	body := map[string]string{"support_level": "administrator"}
	m.deny(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, body, noSupport...)
	m.deny(t, "PUT", "/v1/accounts/1000002/support-users/"+erin, body, carol)
	for _, who := range []string{dave, bob} {
		r := m.do(t, "PUT", "/v1/accounts/1000001/support-users/"+who, who, body)
		m.refused(t, "raise own support level as "+who, who, r, http.StatusForbidden, "/v1/accounts/1000001/support-users/"+who, body)
	}
}

func allowSetSupportLevel(t *testing.T, m *matrix) {
	m.expect(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, carol, map[string]string{"support_level": "basic"}, http.StatusOK)
	m.expect(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, carol, map[string]string{"support_level": "none"}, http.StatusOK)
}
