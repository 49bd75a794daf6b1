package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The machinery of the strange-input tests (issue 8 items 1, 2 and the
// duplicate-key and control-character bullets of item 8): a running system
// with one resource of each kind a route can be about, the user allowed on
// each route of the route table, a fingerprint of the whole database, and
// JSON bodies written byte by byte (encoding/json would repair the invalid
// UTF-8 and the duplicate keys these tests need to send).

// People the strange-input tests add: a nominee for 300001 with no access
// anywhere.
const strangeNominee = "strange.nominee@elsewhere.example.org"

// strangeWorld is the API and the worker in dev mode (every route is
// served) with the demo data, a pending nomination for 300001, a pending
// support-access request for customer 1000001 and a case of 1000001.
type strangeWorld struct {
	a          *testenv.App
	nomination string // pending, by strangeNominee for 300001
	support    string // pending, by erin for 1000001
	caseID     string // opened by bob (support basic) on 1000001
	attempts   int    // strange requests sent
	// more are the values of path parameters that moreStrangeFixtures made.
	more map[string]string
}

// moreStrangeFixtures are fixtures a domain's own test file registers from
// its init() (strange_input_<domain>_test.go): each makes a resource in the
// strange world and names it in w.more under its path parameter.
var moreStrangeFixtures []func(t *testing.T, w *strangeWorld)

func startStrangeWorld(t *testing.T) *strangeWorld {
	t.Helper()
	w := &strangeWorld{a: startWorld(t)}
	create := func(path, who string, body any) string {
		t.Helper()
		r := w.a.Do("POST", path, tokenFor(w.a, who), body)
		if r.Status != http.StatusCreated {
			t.Fatalf("fixture POST %s as %s = %d %s", path, who, r.Status, r.Body)
		}
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
	w.nomination = create("/v1/nominations", strangeNominee, accessRequest("1000001", "300001", strangeNominee, "I run the Austin build farm"))
	w.support = create("/v1/support-access-requests", erin, accessRequest("1000001", "", erin, "I follow our outage cases"))
	w.caseID = create("/v1/accounts/1000001/cases", bob, map[string]any{"title": "Db2 outage in Austin", "description": "details", "severity": 2})
	w.more = map[string]string{}
	for _, f := range moreStrangeFixtures {
		f(t, w)
	}
	// Everyone the tests act as exists before the first fingerprint (a
	// user is created on first sight).
	for _, who := range []string{alice, bob, carol, dave, erin, frank, henry, ops, strangeNominee} {
		if r := w.a.Do("GET", "/v1/me", tokenFor(w.a, who), nil); r.Status != http.StatusOK {
			t.Fatalf("GET /v1/me as %s = %d %s", who, r.Status, r.Body)
		}
	}
	w.settle(t)
	return w
}

// settle waits until the workflows have written what the fixtures set off
// (rows, audit, notices): the fingerprint holds still for a second.
func (w *strangeWorld) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	last := fingerprint(t, w.a)
	stableSince := time.Now()
	for time.Since(stableSince) < time.Second {
		if time.Now().After(deadline) {
			t.Fatal("the database did not settle within 60s")
		}
		time.Sleep(100 * time.Millisecond)
		if now := fingerprint(t, w.a); !slices.Equal(now, last) {
			last, stableSince = now, time.Now()
		}
	}
}

// fingerprint is every table's row count and content digest (the outbox:
// its row count only, since the mail sender marks rows sent meanwhile). A
// new table is included without a change here.
func fingerprint(t *testing.T, a *testenv.App) []string {
	t.Helper()
	db := a.Runtime.DB
	tables := column(t, db, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version' ORDER BY 1`)
	if len(tables) < 10 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	out := make([]string, 0, len(tables))
	for _, tbl := range tables {
		q := fmt.Sprintf(`SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %q x`, tbl)
		if tbl == "outbox" {
			q = `SELECT count(*)::text FROM outbox`
		}
		var s string
		if err := db.Raw(q).Scan(&s).Error; err != nil {
			t.Fatalf("fingerprint %s: %v", tbl, err)
		}
		out = append(out, tbl+" "+s)
	}
	return out
}

// changedTables names the tables whose fingerprint differs.
func changedTables(before, after []string) []string {
	var out []string
	for i := range before {
		if i >= len(after) || before[i] != after[i] {
			name, _, _ := strings.Cut(before[i], " ")
			out = append(out, name)
		}
	}
	if len(after) != len(before) {
		out = append(out, "(the set of tables)")
	}
	return out
}

// allowedCaller picks, for a route of the route table, a seeded person it
// is meant for: ibm-ops for role routes; alice (Primary of 300001, support
// full on 1000001) for site routes and account routes up to full; carol
// (the STC: support administrator) for administrator routes; the
// requester of the fixture for owner routes. Routes open to any signed-in
// caller use alice unless callerOf says otherwise.
func (w *strangeWorld) allowedCaller(t *testing.T, key string, n api.Need) (email string, roles []string) {
	t.Helper()
	if who, ok := callerOf[key]; ok {
		return who, nil
	}
	switch n.Scope() {
	case "role":
		return ops, n.Roles[:1]
	case "site":
		return alice, nil
	case "account":
		if n.Support >= models.SupportAdmin {
			return carol, nil
		}
		return alice, nil
	case "owner":
		_, path, _ := strings.Cut(key, " ")
		switch {
		case strings.HasPrefix(path, "/v1/nominations/"):
			return strangeNominee, nil
		case strings.HasPrefix(path, "/v1/support-access-requests/"):
			return erin, nil
		}
		t.Errorf("route %s is for the resource's owner and the strange-input tests know no owner for it: add it to allowedCaller", key)
		return "", nil
	}
	return alice, nil
}

// callerOf are the signed-in routes whose right caller is not alice: a
// nomination is sent by someone without access to the site, a
// support-access request by a user of the account without support access.
var callerOf = map[string]string{
	"POST /v1/nominations":             frank,
	"POST /v1/support-access-requests": henry,
}

func (w *strangeWorld) token(email string, roles []string) string {
	return w.a.Token(email, roles...)
}

// param is the valid value of a route's path parameter for its allowed
// caller; an unknown parameter fails the test (give it a value here).
func (w *strangeWorld) param(t *testing.T, key, name string) string {
	t.Helper()
	_, path, _ := strings.Cut(key, " ")
	switch name {
	case "site":
		return "300001"
	case "customer":
		return "1000001"
	case "role":
		return "secondary"
	case "email":
		return dave // a secondary contact of 300001
	case "user":
		return erin
	case "id":
		switch {
		case strings.HasPrefix(path, "/v1/nominations/"):
			return w.nomination
		case strings.HasPrefix(path, "/v1/support-access-requests/"):
			return w.support
		case strings.HasPrefix(path, "/v1/cases/"):
			return w.caseID
		}
	}
	if v, ok := w.more[name]; ok {
		return v
	}
	t.Errorf("route %s has path parameter :%s the strange-input tests have no value for: add it to strangeWorld.param", key, name)
	return "x"
}

// paramNames lists a route's path parameters in order.
func paramNames(key string) []string {
	_, path, _ := strings.Cut(key, " ")
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, ":") {
			out = append(out, seg[1:])
		}
	}
	return out
}

// pathWith fills a route's path with the valid values, but name's set to
// raw (already percent-encoded).
func (w *strangeWorld) pathWith(t *testing.T, key, name, raw string) string {
	t.Helper()
	_, path, _ := strings.Cut(key, " ")
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, ":") {
			continue
		}
		if s[1:] == name {
			segs[i] = raw
		} else {
			segs[i] = w.param(t, key, s[1:])
		}
	}
	return strings.Join(segs, "/")
}

// sortedRoutes is the route table's keys in order.
func sortedRoutes(routes map[string]api.Need) []string {
	keys := make([]string, 0, len(routes))
	for k := range routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// strangeHeaders are request headers a domain's strange-input file
// registers from its init() for the routes that require them (an order's
// Idempotency-Key): each gives the headers of a request (nil: none), so
// the strange input, not a missing header, is what is refused.
var strangeHeaders []func(method, path string) map[string]string

// strangeTimeout bounds the wait for one strange request (below the
// server's 60 s write timeout, past which the client would see only a
// broken connection).
const strangeTimeout = 30 * time.Second

// send is testenv.App.Do without failing the test when the connection
// breaks or no answer comes within timeout: that is reported as status -1
// with the error as the body, for the caller to report.
func send(a *testenv.App, method, path, token string, body any, timeout time.Duration) testenv.Response {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return testenv.Response{Status: -1, Body: []byte("encode body: " + err.Error())}
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, a.URL+path, rd)
	if err != nil {
		return testenv.Response{Status: -1, Body: []byte("request: " + err.Error())}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range strangeHeaders {
		for k, v := range h(method, path) {
			req.Header.Set(k, v)
		}
	}
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return testenv.Response{Status: -1, Body: []byte(err.Error())}
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return testenv.Response{Status: -1, Body: []byte("read body: " + err.Error())}
	}
	return testenv.Response{Status: resp.StatusCode, Header: resp.Header, Body: out}
}

// verdict is what a strange request must get: a 4xx problem+json, never a
// 5xx; with a field, a 400 whose errors name it (or, when ancestors is
// set, the object that holds it; when body is set, "body" will do too).
type verdict struct {
	field     string
	ancestors bool
	body      bool
	any4xx    bool // with a field: another 4xx is fine, a 400 must name it
	within    bool // a field inside the named one will do (an odd key of an object)
}

// refusedStrangely checks r against v and returns a complaint, or "".
func refusedStrangely(r testenv.Response, v verdict) string {
	if r.Status < 0 {
		return "got no answer: " + clip(r.Body)
	}
	if r.Status >= 500 {
		return fmt.Sprintf("answered %d (server error): %s", r.Status, clip(r.Body))
	}
	if r.Status < 400 || r.Status >= 500 {
		return fmt.Sprintf("answered %d, want a 4xx problem: %s", r.Status, clip(r.Body))
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		return fmt.Sprintf("answered %d with Content-Type %q, want application/problem+json: %s", r.Status, ct, clip(r.Body))
	}
	var p api.Problem
	if err := json.Unmarshal(r.Body, &p); err != nil || p.Status != r.Status || p.Type == "" {
		return fmt.Sprintf("answered %d with a problem that does not decode (%v): %s", r.Status, err, clip(r.Body))
	}
	if v.field == "" {
		return ""
	}
	if r.Status != http.StatusBadRequest {
		if v.any4xx {
			return ""
		}
		return fmt.Sprintf("answered %d, want 400 naming %q: %s", r.Status, v.field, clip(r.Body))
	}
	for _, e := range p.Errors {
		if e.Field == v.field || (v.body && e.Field == "body") || (v.ancestors && strings.HasPrefix(v.field, e.Field+".")) ||
			(v.within && strings.HasPrefix(e.Field, v.field+".")) {
			if e.Detail == "" {
				return fmt.Sprintf("names %q without a detail: %s", e.Field, clip(r.Body))
			}
			return ""
		}
	}
	return fmt.Sprintf("answered 400 without naming %q: %s", v.field, clip(r.Body))
}

func clip(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// clipText shortens a path or value for a message (the 6 KB one).
func clipText(s string) string {
	if len(s) > 160 {
		return s[:120] + fmt.Sprintf("…(%d bytes)…", len(s)-160) + s[len(s)-40:]
	}
	return s
}

// strangeValues replace a path or query parameter: text PostgreSQL cannot
// store or compare (NUL, invalid UTF-8, a UTF-16 surrogate written as
// UTF-8), control characters (CR/LF, tab, DEL, NEL), alone and around a
// valid value, and a 6 KB value. Percent-encoded, as a client sends them.
func strangeValues(valid string) []string {
	return []string{
		"%00", valid + "%00", "%00" + valid,
		"%FF%FE", valid + "%FF%FE", "%C0%AF" + valid, valid + "%ED%A0%80",
		"%0D%0A", valid + "%0D%0AX-Injected:%201", "%0A" + valid,
		valid + "%09", valid + "%7F", valid + "%C2%85",
		longValue,
	}
}

// longValue is 6,000 characters of valid, incompressible text shaped like
// an email: longer than any key the database stores, and longer than its
// unique indexes can hold.
var longValue = func() string {
	const alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = alnum[x%uint32(len(alnum))]
	}
	return string(b) + "@acme.example.com"
}()

// ---- JSON bodies written by hand ----
