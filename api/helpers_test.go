package api_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// startSeeded starts the API alone on its own database and loads the demo
// dataset into it.
func startSeeded(t *testing.T) *testenv.App {
	t.Helper()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return a
}

// dbState is what a refused change must leave untouched.
type dbState struct {
	Contacts   []string
	Access     []string
	Audit      int64
	Users      int64
	Customers  int64
	Agreements int64
	Sites      int64
}

func column(t *testing.T, db *gorm.DB, query string) []string {
	t.Helper()
	var out []string
	if err := db.Raw(query).Scan(&out).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func count(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func snapshot(t *testing.T, a *testenv.App) dbState {
	t.Helper()
	db := a.Runtime.DB
	return dbState{
		Contacts: column(t, db, `SELECT s.site_number || ' ' || c.role || ' ' || u.email FROM site_contacts c
			JOIN sites s ON s.id = c.site_id JOIN users u ON u.id = c.user_id ORDER BY 1`),
		Access: column(t, db, `SELECT s.site_number || ' ' || u.email || ' ' || x.software || x.reporting || x.entitlements ||
			x.manage_access || x.contact_update || x.documents FROM site_access x
			JOIN sites s ON s.id = x.site_id JOIN users u ON u.id = x.user_id ORDER BY 1`),
		Audit:      count(t, db, "audit_log"),
		Users:      count(t, db, "users"),
		Customers:  count(t, db, "customers"),
		Agreements: count(t, db, "agreements"),
		Sites:      count(t, db, "sites"),
	}
}

func assertUnchanged(t *testing.T, a *testenv.App, before dbState) {
	t.Helper()
	after := snapshot(t, a)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("a refused change changed state:\nbefore %+v\nafter  %+v", before, after)
	}
}

// refused sends a request that must be refused with status/slug (and rule
// and offending field when given) and leave the database as it was.
func refused(t *testing.T, a *testenv.App, method, path, email string, body any, status int, slug, rule, field string) api.Problem {
	t.Helper()
	before := snapshot(t, a)
	r := a.Do(method, path, tokenFor(a, email), body)
	p := assertProblem(t, r, status, slug)
	if rule != "" && p.Rule != rule {
		t.Errorf("%s %s: rule = %q, want %q (%s)", method, path, p.Rule, rule, r.Body)
	}
	if field != "" && !namesField(p, field) {
		t.Errorf("%s %s: problem does not name field %q: %s", method, path, field, r.Body)
	}
	assertUnchanged(t, a, before)
	return p
}

func namesField(p api.Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

// changes sends a request that must succeed with status and write exactly
// one audit row; it returns the response and that row.
func changes(t *testing.T, a *testenv.App, method, path, email string, body any, status int) (testenv.Response, models.AuditEntry) {
	t.Helper()
	before := count(t, a.Runtime.DB, "audit_log")
	r := a.Do(method, path, tokenFor(a, email), body)
	if r.Status != status {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, email, r.Status, status, r.Body)
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+1 {
		t.Fatalf("%s %s wrote %d audit rows, want exactly 1", method, path, after-before)
	}
	var e models.AuditEntry
	if err := a.Runtime.DB.Order("id DESC").Take(&e).Error; err != nil {
		t.Fatalf("last audit row: %v", err)
	}
	if e.Actor != email || e.Action == "" || e.RequestID == "" || e.RequestID != r.Header.Get("X-Request-ID") {
		t.Errorf("audit row %+v: want actor %s, an action and the request id %s", e, email, r.Header.Get("X-Request-ID"))
	}
	return r, e
}

// succeedsUnchanged sends a request that must succeed with status and change
// nothing: no audit row, the same contacts, access and users (a repeated
// change is a no-op, not a conflict).
func succeedsUnchanged(t *testing.T, a *testenv.App, method, path, email string, body any, status int) testenv.Response {
	t.Helper()
	before := snapshot(t, a)
	r := a.Do(method, path, tokenFor(a, email), body)
	if r.Status != status {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, email, r.Status, status, r.Body)
	}
	if after := snapshot(t, a); !reflect.DeepEqual(before, after) {
		t.Errorf("%s %s as %s changed state:\nbefore %+v\nafter  %+v", method, path, email, before, after)
	}
	return r
}

func ok(t *testing.T, r testenv.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d: %s", r.Status, status, r.Body)
	}
}

func assertProblem(t *testing.T, r testenv.Response, status int, slug string) api.Problem {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p api.Problem
	r.JSON(t, &p)
	if p.Type != api.ProblemBase+slug || p.Status != status || p.Detail == "" || p.RequestID == "" {
		t.Fatalf("problem = %+v, want type %s status %d with detail and request id", p, slug, status)
	}
	if r.Header.Get("X-Request-ID") != p.RequestID {
		t.Fatalf("X-Request-ID %q != problem request_id %q", r.Header.Get("X-Request-ID"), p.RequestID)
	}
	return p
}

// jsonEq compares an audit column with the JSON of want.
func jsonEq(t *testing.T, what string, got models.JSON, want any) {
	t.Helper()
	var g, w any
	if len(got) == 0 {
		g = nil
	} else if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	wb, _ := json.Marshal(want)
	_ = json.Unmarshal(wb, &w)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s = %s, want %s", what, got, wb)
	}
}

func mustField(t *testing.T, j models.JSON, key string) models.JSON {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(j, &m); err != nil {
		t.Fatalf("%s: %v", j, err)
	}
	return models.JSON(m[key])
}

func contact(email string) map[string]string { return map[string]string{"email": email} }

func privs(kv ...string) map[string]any {
	p := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = kv[i+1]
	}
	return map[string]any{"privileges": p}
}
