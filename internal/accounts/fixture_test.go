package accounts_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The demo people the tests use (internal/seed).
const (
	alice  = "alice@acme.example.com" // Primary of 300001
	bob    = "bob@acme.example.com"   // Administrative of 300001 and 300002
	carol  = "carol@acme.example.com" // STC of 300001 and 300002; support administrator of 1000001
	dave   = "dave@acme.example.com"  // Secondary of 300001; support basic
	grace  = "grace@acme.example.com" // Secondary and delegate (manage_access=update) of 300001
	henry  = "henry@acme.example.com" // Billing of 300001; support none
	erin   = "erin@acme.example.com"  // plain user of 300001: software downloads
	heidi  = "heidi@acme.example.com" // Primary of 300002
	budi   = "budi@nusantara.example.com"
	frank  = "frank@newcomer.example.com" // no access anywhere
	solo   = "solo@brightwell.example.com"
	acme   = "1000001"
	acmeHQ = "300001" // covered by S&S
	acmeEU = "300002"
)

// today is the fixture's date: the seed's coverage ends relative to it.
var today = time.Now().UTC().Truncate(24 * time.Hour)

type fixture struct {
	t   *testing.T
	db  *gorm.DB
	svc *accounts.Service
}

// newFixture is a fresh migrated database with the demo data.
func newFixture(t *testing.T) fixture {
	t.Helper()
	db := testenv.DB(t)
	if _, err := seed.Load(context.Background(), db, today); err != nil {
		t.Fatal(err)
	}
	return fixture{t: t, db: db, svc: &accounts.Service{DB: db, Now: func() time.Time { return today.Add(12 * time.Hour) }}}
}

func (f fixture) ctx() context.Context { return context.Background() }

func (f fixture) user(email string) models.User {
	f.t.Helper()
	var u models.User
	if err := f.db.Where("email = ?", email).Take(&u).Error; err != nil {
		f.t.Fatalf("user %s: %v", email, err)
	}
	return u
}

func (f fixture) site(number string) models.Site {
	f.t.Helper()
	var s models.Site
	if err := f.db.Where("site_number = ?", number).Take(&s).Error; err != nil {
		f.t.Fatalf("site %s: %v", number, err)
	}
	return s
}

func (f fixture) customer(number string) models.Customer {
	f.t.Helper()
	var c models.Customer
	if err := f.db.Where("customer_number = ?", number).Take(&c).Error; err != nil {
		f.t.Fatalf("customer %s: %v", number, err)
	}
	return c
}

func (f fixture) count(q string, args ...any) int64 {
	f.t.Helper()
	var n int64
	if err := f.db.Raw(q, args...).Scan(&n).Error; err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (f fixture) exec(q string, args ...any) {
	f.t.Helper()
	if err := f.db.Exec(q, args...).Error; err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

// access is the stored site_access row of email on site; ok is false when
// there is none.
func (f fixture) access(site, email string) (p models.Privileges, ok bool) {
	f.t.Helper()
	var row models.SiteAccess
	err := f.db.Joins("JOIN sites s ON s.id = site_access.site_id").Joins("JOIN users u ON u.id = site_access.user_id").
		Where("s.site_number = ? AND u.email = ?", site, email).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, false
	}
	if err != nil {
		f.t.Fatalf("access of %s on %s: %v", email, site, err)
	}
	return row.Privileges(), true
}

// holders lists the emails holding role on site, sorted.
func (f fixture) holders(site string, role models.ContactRole) []string {
	f.t.Helper()
	var out []string
	if err := f.db.Raw(`SELECT u.email FROM site_contacts c JOIN sites s ON s.id = c.site_id JOIN users u ON u.id = c.user_id
		WHERE s.site_number = ? AND c.role = ? ORDER BY u.email`, site, role).Scan(&out).Error; err != nil {
		f.t.Fatalf("holders of %s on %s: %v", role, site, err)
	}
	return out
}

// supportLevel is the stored support level of email on customer; ok is
// false when there is no row.
func (f fixture) supportLevel(customer, email string) (models.SupportLevel, bool) {
	f.t.Helper()
	var rows []models.SupportAccess
	if err := f.db.Raw(`SELECT a.* FROM support_access a JOIN customers c ON c.id = a.customer_id JOIN users u ON u.id = a.user_id
		WHERE c.customer_number = ? AND u.email = ?`, customer, email).Scan(&rows).Error; err != nil {
		f.t.Fatalf("support level of %s on %s: %v", email, customer, err)
	}
	if len(rows) == 0 {
		return models.SupportNone, false
	}
	return rows[0].Level, true
}

// audits returns the audit rows with action, oldest first.
func (f fixture) audits(action string) []models.AuditEntry {
	f.t.Helper()
	var out []models.AuditEntry
	if err := f.db.Where("action = ?", action).Order("id").Find(&out).Error; err != nil {
		f.t.Fatalf("audit rows %s: %v", action, err)
	}
	return out
}

// auditCount is the number of audit rows (a refused change writes none).
func (f fixture) auditCount() int64 { return f.count("SELECT count(*) FROM audit_log") }

// granter is the standing of email on site, as the API passes it to the
// service.
func (f fixture) granter(site, email string) accounts.Granter {
	f.t.Helper()
	st, found, err := accounts.SiteStandingByNumber(f.ctx(), f.db, f.user(email).ID, site)
	if err != nil || !found {
		f.t.Fatalf("standing of %s on %s: found=%v %v", email, site, found, err)
	}
	return accounts.Granter{Actor: accounts.Actor{Email: email, RequestID: "test"}, Privileges: st.Privileges, IsPrimary: st.IsPrimary}
}

// refused asserts err is a rule refusal of kind and rule.
func refused(t *testing.T, err error, kind accounts.RuleKind, rule string) {
	t.Helper()
	var re *accounts.RuleError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a %s refusal", err, rule)
	}
	if re.Kind != kind || re.Rule != rule {
		t.Fatalf("refusal %+v, want kind %d rule %s", re, kind, rule)
	}
}

// unchanged asserts that a refused call wrote no audit row.
func (f fixture) unchanged(before int64) {
	f.t.Helper()
	if n := f.auditCount(); n != before {
		f.t.Fatalf("a refused change wrote %d audit rows", n-before)
	}
}

func sorted(xs ...string) []string { xs = slices.Clone(xs); slices.Sort(xs); return xs }

// statementCounter is a connection pool that records every statement sent
// through it: GORM sends each query, exec and prepare through the pool, so
// the count is the number of SQL statements (round trips) a call makes.
type statementCounter struct {
	gorm.ConnPool
	mu   sync.Mutex
	sqls []string
}

// counted returns a handle on db whose statements c records.
func counted(db *gorm.DB) (*gorm.DB, *statementCounter) {
	c := &statementCounter{ConnPool: db.ConnPool}
	tx := db.Session(&gorm.Session{NewDB: true})
	tx.Statement.ConnPool = c
	return tx, c
}

func (c *statementCounter) add(q string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sqls = append(c.sqls, q)
}

func (c *statementCounter) statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sqls)
}

func (c *statementCounter) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	c.add(q)
	return c.ConnPool.PrepareContext(ctx, q)
}

func (c *statementCounter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.add(q)
	return c.ConnPool.ExecContext(ctx, q, args...)
}

func (c *statementCounter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.add(q)
	return c.ConnPool.QueryContext(ctx, q, args...)
}

func (c *statementCounter) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.add(q)
	return c.ConnPool.QueryRowContext(ctx, q, args...)
}

// actor is email making a change, for the audit row.
func actor(email string) accounts.Actor {
	return accounts.Actor{Email: email, RequestID: "req-" + email}
}

// doc decodes an audit column ({} for NULL).
func doc(t *testing.T, j models.JSON) map[string]any {
	t.Helper()
	out := map[string]any{}
	if len(j) == 0 {
		return out
	}
	if err := json.Unmarshal(j, &out); err != nil {
		t.Fatalf("audit value %s: %v", j, err)
	}
	return out
}

// contactDoc is the before or after document of a contact change as doc
// decodes it: the site number, the role and its holders by email in
// assignment order (an empty array, never null, when there are none).
func contactDoc(site string, role models.ContactRole, holders ...string) map[string]any {
	hs := make([]any, 0, len(holders))
	for _, h := range holders {
		hs = append(hs, h)
	}
	return map[string]any{"site_number": site, "role": string(role), "holders": hs}
}

// sameDoc asserts that an audit column decodes to exactly want: no other
// key (no user id) and no missing one.
func sameDoc(t *testing.T, what string, got models.JSON, want map[string]any) {
	t.Helper()
	if g := doc(t, got); !reflect.DeepEqual(g, want) {
		t.Errorf("%s = %s, want %v", what, got, want)
	}
}

// fmtRoles renders the "roles" of a decoded audit value.
func fmtRoles(m map[string]any) string { return fmt.Sprint(m["roles"]) }
