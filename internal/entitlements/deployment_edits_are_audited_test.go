package entitlements_test

import (
	"testing"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// Recording, changing and removing a deployment each write one audit row
// on the site and its customer, by the editor, with the record before and
// after; the inventory follows every step; a change that changes nothing
// writes no row.
func TestDeploymentEditsAreAudited(t *testing.T) {
	f := newFixture(t)
	site := f.siteID(acmeHQ)
	ch := f.add(acmeHQ, "E0R50LL", "  Austin prod cluster ", models.EnvProduction, 10)
	d := ch.Deployment
	if d.Name != "Austin prod cluster" || d.Quantity != 10 || d.Environment != models.EnvProduction || d.CreatedBy != carol || d.PartNumber != "E0R50LL" {
		t.Errorf("recorded %+v", d)
	}
	if ch.Usage != (models.Usage{Owned: 16, Deployed: 10}) {
		t.Errorf("usage after recording: %+v", ch.Usage)
	}
	if e := f.get(acmeHQ, "E0R50LL"); e.Deployed != 10 || e.Available != 6 || e.Deployments != 1 {
		t.Errorf("inventory after recording: deployed %d available %d records %d", e.Deployed, e.Available, e.Deployments)
	}

	qty, note := int64(12), "moved to the new racks"
	if _, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), site, d.ID, entitlements.DeploymentPatch{Quantity: &qty, Note: &note}); err != nil {
		t.Fatal(err)
	}
	same := "Austin prod cluster"
	if _, err := f.svc.UpdateDeployment(f.ctx(), f.editor(), site, d.ID, entitlements.DeploymentPatch{Name: &same}); err != nil {
		t.Fatal(err)
	}
	if e := f.get(acmeHQ, "E0R50LL"); e.Deployed != 12 {
		t.Errorf("inventory after the change: deployed %d, want 12", e.Deployed)
	}
	u, err := f.svc.RemoveDeployment(f.ctx(), f.editor(), site, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u != (models.Usage{Owned: 16, Deployed: 0}) {
		t.Errorf("usage after removal: %+v", u)
	}
	if e := f.get(acmeHQ, "E0R50LL"); e.Deployed != 0 || e.Deployments != 0 {
		t.Errorf("inventory after removal: deployed %d records %d", e.Deployed, e.Deployments)
	}

	rows := f.audits(d.ID)
	want := []string{"deployment.create", "deployment.update", "deployment.delete"}
	if len(rows) != len(want) {
		t.Fatalf("%d audit rows, want %v (the change that changed nothing is not audited)", len(rows), want)
	}
	var customer int64
	if err := f.db.Raw(`SELECT customer_id FROM sites WHERE id = ?`, site).Scan(&customer).Error; err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if r.Action != want[i] || r.Actor != carol || r.RequestID != "req-test" || r.SiteID == nil || *r.SiteID != site ||
			r.CustomerID == nil || *r.CustomerID != customer {
			t.Errorf("audit row %d: %s by %s (request %s) on site %v customer %v", i, r.Action, r.Actor, r.RequestID, r.SiteID, r.CustomerID)
		}
	}
	if rows[0].Before != nil || field(t, rows[0].After, "quantity") != float64(10) || field(t, rows[0].After, "name") != "Austin prod cluster" {
		t.Errorf("create: before %s after %s", rows[0].Before, rows[0].After)
	}
	if field(t, rows[1].Before, "quantity") != float64(10) || field(t, rows[1].After, "quantity") != float64(12) ||
		field(t, rows[1].After, "note") != note {
		t.Errorf("update: before %s after %s", rows[1].Before, rows[1].After)
	}
	if field(t, rows[2].Before, "quantity") != float64(12) || field(t, rows[2].After, "deployed") != float64(0) {
		t.Errorf("delete: before %s after %s", rows[2].Before, rows[2].After)
	}
	if n := f.count(`SELECT count(*) FROM deployments`); n != 0 {
		t.Errorf("%d deployments left", n)
	}
}
