package entitlements_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The demo data the tests use (internal/seed): site 300001 holds S&S
// coverage of E0N7MLL (25), E0R50LL (16), E0TP9LL (12) and E0VJ6LL (1);
// 300002, of the same customer, of E0MQ2LL and E0WS1LL.
const (
	acmeHQ = "300001"
	acmeEU = "300002"
	carol  = "carol@acme.example.com" // Entitlements = update on 300001
)

// today is the fixture's day; the service's clock is midday of it.
var today = time.Now().UTC().Truncate(24 * time.Hour)

type fixture struct {
	t   *testing.T
	db  *gorm.DB
	svc *entitlements.Service
}

// newFixture is a fresh migrated database with the demo data.
func newFixture(t *testing.T) fixture {
	t.Helper()
	db := testenv.DB(t)
	if _, err := seed.Load(context.Background(), db, today); err != nil {
		t.Fatal(err)
	}
	return fixture{t: t, db: db, svc: &entitlements.Service{DB: db, Now: func() time.Time { return today.Add(12 * time.Hour) }}}
}

func (f fixture) ctx() context.Context { return context.Background() }

func (f fixture) siteID(number string) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Raw(`SELECT id FROM sites WHERE site_number = ?`, number).Scan(&id).Error; err != nil || id == 0 {
		f.t.Fatalf("site %s: %v", number, err)
	}
	return id
}

// editor is carol, as the API would name her.
func (f fixture) editor() entitlements.Editor {
	f.t.Helper()
	var id int64
	if err := f.db.Raw(`SELECT id FROM users WHERE email = ?`, carol).Scan(&id).Error; err != nil || id == 0 {
		f.t.Fatalf("user %s: %v", carol, err)
	}
	return entitlements.Editor{UserID: id, Email: carol, RequestID: "req-test"}
}

func (f fixture) exec(q string, args ...any) {
	f.t.Helper()
	if err := f.db.Exec(q, args...).Error; err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f fixture) count(q string, args ...any) int64 {
	f.t.Helper()
	var n int64
	if err := f.db.Raw(q, args...).Scan(&n).Error; err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return n
}

// setCoverage sets the period and quantity of site's coverage of part.
func (f fixture) setCoverage(site, part string, start, end time.Time, qty int) {
	f.t.Helper()
	res := f.db.Exec(`UPDATE coverages SET start_date = ?, end_date = ?, quantity = ?
		WHERE site_id = (SELECT id FROM sites WHERE site_number = ?) AND product_id = (SELECT id FROM products WHERE part_number = ?)`,
		start, end, qty, site, part)
	if res.Error != nil || res.RowsAffected != 1 {
		f.t.Fatalf("coverage %s of %s: %v (%d rows)", part, site, res.Error, res.RowsAffected)
	}
}

// inventory is every entitlement of site that filter matches.
func (f fixture) inventory(site string, filter entitlements.Filter) []entitlements.Entitlement {
	f.t.Helper()
	var out []entitlements.Entitlement
	if err := f.svc.Each(f.ctx(), f.siteID(site), filter, func(e entitlements.Entitlement) error {
		out = append(out, e)
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
	return out
}

func parts(es []entitlements.Entitlement) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.PartNumber)
	}
	return out
}

// get is site's entitlement of part.
func (f fixture) get(site, part string) entitlements.Entitlement {
	f.t.Helper()
	e, err := f.svc.Get(f.ctx(), f.siteID(site), part)
	if err != nil {
		f.t.Fatalf("entitlement %s of %s: %v", part, site, err)
	}
	return e
}

// add records a deployment of site's part, failing the test on error.
func (f fixture) add(site, part, name string, env models.DeploymentEnvironment, qty int64) entitlements.Change {
	f.t.Helper()
	ch, err := f.svc.AddDeployment(f.ctx(), f.editor(), f.siteID(site), part,
		entitlements.DeploymentInput{Name: name, Environment: env, Quantity: qty})
	if err != nil {
		f.t.Fatalf("add %s to %s of %s: %v", name, part, site, err)
	}
	return ch
}

// audits are the audit rows of deployment id, oldest first.
func (f fixture) audits(id int64) []models.AuditEntry {
	f.t.Helper()
	var rows []models.AuditEntry
	if err := f.db.Where("object_type = 'deployment' AND object_id = ?", fmt.Sprint(id)).Order("id").Find(&rows).Error; err != nil {
		f.t.Fatal(err)
	}
	return rows
}

// field reads key of an audit JSON document.
func field(t *testing.T, j models.JSON, key string) any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(j, &m); err != nil {
		t.Fatalf("audit document %s: %v", j, err)
	}
	return m[key]
}

func day(n int) time.Time { return today.AddDate(0, 0, n) }
