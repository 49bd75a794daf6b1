package api_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/pao/pao/api"
	renewalsapi "github.com/pao/pao/api/renewals"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// renewalsState is what a refused renewal action must not change.
func renewalsState(t *testing.T, a *testenv.App) []string {
	t.Helper()
	return column(t, a.Runtime.DB, `SELECT r.workflow_id || ' ' || r.status || ' ' || r.channel || ' ' || r.channel_partner || ' ' ||
		r.contacts_verified_by || ' ' || r.external_order || ' ' || r.updated_at::text FROM renewals r ORDER BY 1`)
}

// TestRenewalActionsAreAuthorizedBeforeTheProcessIsAsked (F2, F5):
// verifying the contacts is the site's Primary Contact's alone (403 to
// everybody else on the site, software full or not; 404 off the site);
// the channel needs software full and a valid choice (400 naming the
// field); the external order is ibm-ops's or the customer's renewal
// rep's (404 to any other rep and to customers) with a reference. What
// passes meets the renewal's process: none runs for these fixtures, so
// the answer is a 409 naming the renewal's status, and an ended renewal
// is refused at once. Nothing changes.
func TestRenewalActionsAreAuthorizedBeforeTheProcessIsAsked(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	quoted := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 3, 20), status: models.RenewalQuoted, quote: models.QuoteOpen})
	waiting := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 5, 2), status: models.RenewalAwaitingOrder,
		quote: models.QuoteOpen, channel: models.ChannelRenewalRep})
	lapsed := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2030, 12, 31), status: models.RenewalLapsed, quote: models.QuoteExpired})
	frankfurt := renewalFixture(t, db, renewalSpec{site: "300002", due: renewalDay(2031, 3, 10), status: models.RenewalQuoted, quote: models.QuoteOpen})
	before := renewalsState(t, a)

	do := func(method, path, who string, roles []string, body any) testenv.Response {
		t.Helper()
		tok := tokenFor(a, who)
		if roles != nil {
			tok = a.Token(who, roles...)
		}
		return a.Do(method, path, tok, body)
	}
	expectProblem := func(method, path, who string, roles []string, body any, status int, slug, contains string) api.Problem {
		t.Helper()
		r := do(method, path, who, roles, body)
		if r.Status != status {
			t.Errorf("%s %s as %s %v = %d, want %d: %s", method, path, who, roles, r.Status, status, r.Body)
			return api.Problem{}
		}
		p := assertProblem(t, r, status, slug)
		if contains != "" && !strings.Contains(p.Detail, contains) {
			t.Errorf("%s %s as %s: detail %q does not say %q", method, path, who, p.Detail, contains)
		}
		return p
	}

	// verify-contacts: the Primary only.
	verify := "/v1/renewals/" + quoted.key + "/verify-contacts"
	for _, who := range []string{bob, grace} { // software full, not the Primary
		p := expectProblem("POST", verify, who, nil, nil, http.StatusForbidden, "forbidden", "Primary Contact")
		if p.Rule != "F2" {
			t.Errorf("verify as %s: rule %q, want F2", who, p.Rule)
		}
	}
	for _, who := range []string{carol, dave, erin, henry} { // below full
		expectProblem("POST", verify, who, nil, nil, http.StatusForbidden, "forbidden", "")
	}
	for _, who := range []string{heidi, budi, frank, ops} { // off the site (heidi: Primary of another site of the customer)
		expectProblem("POST", verify, who, nil, nil, http.StatusNotFound, "not-found", "")
	}
	expectProblem("POST", "/v1/renewals/"+frankfurt.key+"/verify-contacts", alice, nil, nil, http.StatusNotFound, "not-found", "")
	expectProblem("POST", verify, alice, nil, map[string]any{"confirmed": true}, http.StatusBadRequest, "validation", "")
	expectProblem("POST", verify, alice, nil, nil, http.StatusConflict, "conflict", "quoted")
	expectProblem("POST", verify, alice, nil, map[string]any{}, http.StatusConflict, "conflict", "quoted")
	expectProblem("POST", "/v1/renewals/"+lapsed.key+"/verify-contacts", alice, nil, nil, http.StatusConflict, "conflict", "lapsed")
	expectProblem("POST", "/v1/renewals/"+frankfurt.key+"/verify-contacts", heidi, nil, nil, http.StatusConflict, "conflict", "quoted")

	// channel: software full, a valid choice.
	channel := "/v1/renewals/" + quoted.key + "/channel"
	for body, field := range map[string]map[string]any{
		"channel": {"channel": "fax"},
		"partner": {"channel": "online", "partner": "Mitra Solusi"},
	} {
		p := expectProblem("POST", channel, bob, nil, field, http.StatusBadRequest, "validation", "")
		if !namesField(p, body) {
			t.Errorf("channel %v: problem does not name %s: %+v", field, body, p)
		}
	}
	p := expectProblem("POST", channel, bob, nil, map[string]any{}, http.StatusBadRequest, "validation", "")
	if !namesField(p, "channel") {
		t.Errorf("channel without one: %+v", p)
	}
	// 1000001 has no Business Partner on file: it must be named.
	p = expectProblem("POST", channel, alice, nil, map[string]any{"channel": "business_partner"}, http.StatusBadRequest, "validation", "")
	if !namesField(p, "partner") {
		t.Errorf("business_partner without a partner: %+v", p)
	}
	for _, who := range []string{carol, dave, erin, henry} {
		expectProblem("POST", channel, who, nil, map[string]any{"channel": "renewal_rep"}, http.StatusForbidden, "forbidden", "")
	}
	for _, who := range []string{heidi, budi, frank, ops} {
		expectProblem("POST", channel, who, nil, map[string]any{"channel": "renewal_rep"}, http.StatusNotFound, "not-found", "")
	}
	for _, who := range []string{alice, bob, grace} {
		expectProblem("POST", channel, who, nil, map[string]any{"channel": "renewal_rep"}, http.StatusConflict, "conflict", "quoted")
		expectProblem("POST", channel, who, nil, map[string]any{"channel": "business_partner", "partner": "Mitra Solusi"},
			http.StatusConflict, "conflict", "quoted")
	}
	expectProblem("POST", "/v1/renewals/"+lapsed.key+"/channel", alice, nil, map[string]any{"channel": "online"},
		http.StatusConflict, "conflict", "lapsed")

	// external-order: ibm-ops or the customer's renewal rep.
	ext := "/v1/staff/renewals/" + waiting.key + "/external-order"
	ref := map[string]any{"reference": "BP-PO-2031-0042"}
	for _, who := range []string{alice, bob, heidi, frank} {
		expectProblem("POST", ext, who, nil, ref, http.StatusNotFound, "not-found", "")
	}
	expectProblem("POST", ext, salesRep, []string{auth.RoleSalesRep}, ref, http.StatusNotFound, "not-found", "")
	// A renewal rep, but not 1000001's.
	expectProblem("POST", ext, salesRep, []string{auth.RoleRenewalRep}, ref, http.StatusNotFound, "not-found", "")
	expectProblem("POST", "/v1/staff/renewals/RQ-2031-999999/external-order", ops, nil, ref, http.StatusNotFound, "not-found", "")
	for body, field := range map[string]map[string]any{
		"missing":   {},
		"blank":     {"reference": "  "},
		"too long":  {"reference": strings.Repeat("x", 65)},
		"two lines": {"reference": "a\nb"},
	} {
		p := expectProblem("POST", ext, renewalRep, []string{auth.RoleRenewalRep}, field, http.StatusBadRequest, "validation", "")
		if !namesField(p, "reference") {
			t.Errorf("external order, reference %s: %+v", body, p)
		}
	}
	expectProblem("POST", ext, renewalRep, []string{auth.RoleRenewalRep}, ref, http.StatusConflict, "conflict", "awaiting_external_order")
	expectProblem("POST", ext, ops, nil, ref, http.StatusConflict, "conflict", "awaiting_external_order")
	expectProblem("POST", "/v1/staff/renewals/"+lapsed.key+"/external-order", ops, nil, ref, http.StatusConflict, "conflict", "lapsed")

	if after := renewalsState(t, a); !slices.Equal(before, after) {
		t.Errorf("refused renewal actions changed renewals:\nbefore %v\nafter  %v", before, after)
	}
}

// TestRenewalActionsAreA503WhileTemporalIsDown: with the workflow
// service unreachable an action answers 503 (try again) within the
// request's bound, not a 500, and changes nothing.
func TestRenewalActionsAreA503WhileTemporalIsDown(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	quoted := renewalFixture(t, a.Runtime.DB, renewalSpec{site: "300001", due: renewalDay(2031, 3, 20), status: models.RenewalQuoted, quote: models.QuoteOpen})
	port, err := testenv.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	tc, err := client.NewLazyClient(client.Options{HostPort: fmt.Sprintf("127.0.0.1:%d", port)})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	srv := api.New(api.Config{DB: a.Runtime.DB, Temporal: tc, Tokens: a.Runtime.Tokens, Log: slog.New(slog.DiscardHandler),
		TaskQueue: "pao-down", MaxBodyBytes: 1 << 20}, &renewalsapi.Handlers{DB: a.Runtime.DB, Temporal: tc})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	before := renewalsState(t, a)
	for _, c := range []struct {
		path, who string
		body      string
	}{
		{"/v1/renewals/" + quoted.key + "/verify-contacts", alice, ""},
		{"/v1/renewals/" + quoted.key + "/channel", bob, `{"channel":"renewal_rep"}`},
	} {
		start := time.Now()
		req, _ := http.NewRequest("POST", ts.URL+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", "Bearer "+a.Token(c.who))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r := readBody(t, resp)
		assertProblem(t, r, http.StatusServiceUnavailable, "unavailable")
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("POST %s took %s", c.path, d)
		}
	}
	// Reading needs no workflow.
	req, _ := http.NewRequest("GET", ts.URL+"/v1/renewals/"+quoted.key, nil)
	req.Header.Set("Authorization", "Bearer "+a.Token(alice))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if r := readBody(t, resp); r.Status != http.StatusOK {
		t.Errorf("the screen while Temporal is down = %d %s", r.Status, r.Body)
	}
	if after := renewalsState(t, a); !slices.Equal(before, after) {
		t.Errorf("actions while Temporal is down changed renewals:\nbefore %v\nafter  %v", before, after)
	}
}
