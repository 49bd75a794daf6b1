package api_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
)

// The quote routes in the authorization matrix (issue 9 item 5): quotes
// need Software & services at full on the quote's site (everybody without
// access to it gets 404, everybody below full 403); the rep's routes exist
// only for the sales and renewal reps, and only the quote's own rep acts
// on it (another rep: 403, nothing changed).
const (
	salesRep   = "sales@ibm.example.com"    // sales rep of every demo customer
	renewalRep = "renewals@ibm.example.com" // renewal rep of every demo customer
)

func init() {
	validBodies["POST /v1/sites/:site/quotes"] = func(map[string]string) any { return quoteRequest() }
	moreRightUserSteps["POST /v1/sites/:site/quotes"] = func() []step {
		return []step{
			{"POST", acmeSite + "/quotes", quoteRequest(), http.StatusCreated},
			{"POST", acmeSite + "/quotes", map[string]any{"lines": []map[string]any{{"part_number": "NOPE99", "quantity": 1}}}, http.StatusBadRequest},
		}
	}
	moreRightUserSteps["GET /v1/sites/:site/quotes"] = func() []step {
		return []step{{"GET", acmeSite + "/quotes?status=awaiting_rep", nil, http.StatusOK}}
	}
	for k, v := range map[string]nonSite{
		"GET /v1/quotes/:number":                       {denyQuote("GET", "", nil), allowGetQuote},
		"POST /v1/quotes/:number/change-requests":      {denyQuote("POST", "/change-requests", changeBody()), allowChangeRequest},
		"POST /v1/quotes/:number/cancel":               {denyQuote("POST", "/cancel", map[string]any{}), allowCancelQuote},
		"GET /v1/staff/quotes":                         {denyStaff("GET", "", nil, false), allowRepQueue},
		"GET /v1/staff/quotes/:number":                 {denyStaff("GET", "/", nil, false), allowStaffQuote},
		"POST /v1/staff/quotes/:number/issue":          {denyStaff("POST", "/issue", map[string]any{}, true), allowIssue},
		"POST /v1/staff/quotes/:number/decline":        {denyStaff("POST", "/decline", reason("no"), true), allowDecline},
		"POST /v1/staff/quotes/:number/decline-change": {denyStaff("POST", "/decline-change", reason("no"), true), allowDeclineChange},
	} {
		nonSiteRoutes[k] = v
	}
}

func quoteRequest() map[string]any {
	return map[string]any{"lines": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 2}, {"part_number": "E0MQ2LL", "quantity": 50}},
		"note": "QUOTENOTE-3e1 for the Austin cluster"}
}

func changeBody() map[string]any {
	return map[string]any{"changes": []map[string]any{{"part_number": "E0MQ2LL", "remove": true}}, "note": "no MQ"}
}

func reason(s string) map[string]any { return map[string]any{"reason": s} }

// matrixQuotes is the quote of 300001 (requested, by alice) and the quote
// of 300002 (by heidi) the refusals are tried on, made once per matrix.
var matrixQuotes = struct {
	sync.Mutex
	of map[*matrix][2]string
}{of: map[*matrix][2]string{}}

func sharedQuotes(t *testing.T, m *matrix) (acme, frankfurt string) {
	t.Helper()
	matrixQuotes.Lock()
	defer matrixQuotes.Unlock()
	q, ok := matrixQuotes.of[m]
	if !ok {
		q = [2]string{newQuote(t, m, "300001", alice), newQuote(t, m, "300002", heidi)}
		matrixQuotes.of[m] = q
	}
	return q[0], q[1]
}

// newQuote asks for a quote on site as who and returns its number.
func newQuote(t *testing.T, m *matrix, site, who string) string {
	t.Helper()
	r := m.a.Do("POST", "/v1/sites/"+site+"/quotes", tokenFor(m.a, who), quoteRequest())
	if r.Status != http.StatusCreated {
		t.Fatalf("POST /v1/sites/%s/quotes as %s = %d %s", site, who, r.Status, r.Body)
	}
	var v struct {
		QuoteNumber string `json:"quote_number"`
	}
	r.JSON(t, &v)
	return v.QuoteNumber
}

// asRep sends a request as a rep (sales-rep or renewal-rep role).
func asRep(m *matrix, method, path, who string, body any) testenv.Response {
	m.attempts++
	role := auth.RoleSalesRep
	if who == renewalRep {
		role = auth.RoleRenewalRep
	}
	return m.a.Do(method, path, m.a.Token(who, role), body)
}

// quotesState is what a refused caller must not change.
func quotesState(t *testing.T, m *matrix) []string {
	t.Helper()
	return column(t, m.a.Runtime.DB, `SELECT q.quote_number || ' ' || q.status || ' v' || q.current_version ||
		' c' || (SELECT count(*) FROM quote_change_requests c WHERE c.quote_id = q.id) FROM quotes q ORDER BY 1`)
}

func unchangedQuotes(t *testing.T, m *matrix, before []string) {
	t.Helper()
	if after := quotesState(t, m); !slices.Equal(before, after) {
		t.Errorf("a refused quote request changed quotes:\nbefore %v\nafter  %v", before, after)
	}
}

// denyQuote: without access to the quote's site 404, below full 403; a
// quote that does not exist, or another site's, 404.
func denyQuote(method, suffix string, body any) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		acme, frankfurt := sharedQuotes(t, m)
		before := quotesState(t, m)
		p := "/v1/quotes/" + acme + suffix
		m.deny(t, method, p, body, heidi, budi, frank, stranger, ops)
		m.forbid(t, method, p, body, carol, dave, erin)
		m.deny(t, method, "/v1/quotes/Q-2026-999999"+suffix, body, alice)
		m.deny(t, method, "/v1/quotes/not-a-quote"+suffix, body, alice)
		m.deny(t, method, "/v1/quotes/"+frankfurt+suffix, body, alice, dave)
		unchangedQuotes(t, m, before)
	}
}

// denyStaff: the rep's routes do not exist for anyone but a rep (404);
// another rep than the quote's may read but not act (403).
func denyStaff(method, suffix string, body any, acts bool) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		acme, _ := sharedQuotes(t, m)
		before := quotesState(t, m)
		p := "/v1/staff/quotes" // the queue
		if suffix != "" {
			p += "/" + acme + strings.TrimSuffix(suffix, "/")
		}
		m.deny(t, method, p, body, alice, bob, heidi, frank, stranger, ops)
		if acts {
			r := asRep(m, method, p, renewalRep, body)
			m.refused(t, method+" "+p+" as the renewal rep (not the quote's rep)", renewalRep, r, http.StatusForbidden, p, body)
			r = asRep(m, method, "/v1/staff/quotes/Q-2026-999999"+strings.TrimSuffix(suffix, "/"), salesRep, body)
			m.refused(t, method+" an unknown quote as the sales rep", salesRep, r, http.StatusNotFound, p, body)
		}
		unchangedQuotes(t, m, before)
	}
}

func allowGetQuote(t *testing.T, m *matrix) {
	acme, _ := sharedQuotes(t, m)
	for _, who := range []string{alice, bob, grace} {
		r := m.expect(t, "GET", "/v1/quotes/"+acme, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), acme) || !strings.Contains(string(r.Body), salesRep) {
			t.Errorf("GET /v1/quotes/%s as %s: %s", acme, who, r.Body)
		}
	}
	_, frankfurt := sharedQuotes(t, m)
	m.expect(t, "GET", "/v1/quotes/"+frankfurt, heidi, nil, http.StatusOK)
}

// issued is a new quote of 300001 the sales rep has issued.
func issued(t *testing.T, m *matrix) string {
	t.Helper()
	n := newQuote(t, m, "300001", bob)
	if r := asRep(m, "POST", "/v1/staff/quotes/"+n+"/issue", salesRep, map[string]any{}); r.Status != http.StatusOK {
		t.Fatalf("issue %s = %d %s", n, r.Status, r.Body)
	}
	return n
}

func allowChangeRequest(t *testing.T, m *matrix) {
	n := issued(t, m)
	r := m.expect(t, "POST", "/v1/quotes/"+n+"/change-requests", alice, changeBody(), http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"change_requested"`) {
		t.Errorf("change request: %s", r.Body)
	}
	m.expect(t, "POST", "/v1/quotes/"+n+"/change-requests", grace, changeBody(), http.StatusConflict)
}

func allowCancelQuote(t *testing.T, m *matrix) {
	n := newQuote(t, m, "300001", alice)
	m.expect(t, "POST", "/v1/quotes/"+n+"/cancel", grace, reason("bought elsewhere"), http.StatusOK)
	m.expect(t, "POST", "/v1/quotes/"+n+"/cancel", alice, map[string]any{}, http.StatusConflict)
}

func allowRepQueue(t *testing.T, m *matrix) {
	acme, _ := sharedQuotes(t, m)
	if r := asRep(m, "GET", "/v1/staff/quotes?status=awaiting_rep", salesRep, nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), acme) {
		t.Errorf("the sales rep's queue = %d %s", r.Status, r.Body)
	}
	if r := asRep(m, "GET", "/v1/staff/quotes", renewalRep, nil); r.Status != http.StatusOK || strings.Contains(string(r.Body), acme) {
		t.Errorf("the renewal rep's queue = %d %s", r.Status, r.Body)
	}
}

func allowStaffQuote(t *testing.T, m *matrix) {
	acme, _ := sharedQuotes(t, m)
	for _, who := range []string{salesRep, renewalRep} {
		if r := asRep(m, "GET", "/v1/staff/quotes/"+acme, who, nil); r.Status != http.StatusOK {
			t.Errorf("GET /v1/staff/quotes/%s as %s = %d %s", acme, who, r.Status, r.Body)
		}
	}
}

func allowIssue(t *testing.T, m *matrix) {
	n := issued(t, m)
	if r := asRep(m, "POST", "/v1/staff/quotes/"+n+"/issue", salesRep, map[string]any{}); r.Status != http.StatusConflict {
		t.Errorf("issuing an open quote again = %d %s", r.Status, r.Body)
	}
}

func allowDecline(t *testing.T, m *matrix) {
	n := newQuote(t, m, "300001", alice)
	if r := asRep(m, "POST", "/v1/staff/quotes/"+n+"/decline", salesRep, reason("sold through your partner")); r.Status != http.StatusOK {
		t.Errorf("decline = %d %s", r.Status, r.Body)
	}
}

func allowDeclineChange(t *testing.T, m *matrix) {
	n := issued(t, m)
	m.expect(t, "POST", "/v1/quotes/"+n+"/change-requests", alice, changeBody(), http.StatusOK)
	r := asRep(m, "POST", "/v1/staff/quotes/"+n+"/decline-change", salesRep, reason("MQ is part of the bundle"))
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"open"`) {
		t.Errorf("decline-change = %d %s", r.Status, r.Body)
	}
}
