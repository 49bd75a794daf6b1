package entitlements_test

import (
	"testing"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// More licences deployed than owned is recorded, not refused: the answer
// and the inventory flag it, with what is available negative, and the
// audit row says so. Owning fewer later (a renewal of fewer licences)
// flags it too; deploying less clears it.
func TestOverDeploymentIsRecordedAndFlagged(t *testing.T) {
	f := newFixture(t)
	site := f.siteID(acmeHQ)
	f.add(acmeHQ, "E0VJ6LL", "QRadar Austin", models.EnvProduction, 1) // owns 1
	ch := f.add(acmeHQ, "E0VJ6LL", "QRadar DR", models.EnvDisasterRecovery, 1)
	if !ch.Usage.OverDeployed() || ch.Usage.Deployed != 2 || ch.Usage.Owned != 1 {
		t.Errorf("usage of the second record: %+v, want 2 deployed of 1, over-deployed", ch.Usage)
	}
	e := f.get(acmeHQ, "E0VJ6LL")
	if !e.OverDeployed || e.Available != -1 || e.Deployed != 2 || e.Deployments != 2 {
		t.Errorf("inventory: over %v available %d deployed %d records %d", e.OverDeployed, e.Available, e.Deployed, e.Deployments)
	}
	rows := f.audits(ch.Deployment.ID)
	if len(rows) != 1 || field(t, rows[0].After, "over_deployed") != true {
		t.Errorf("audit of the over-deploying record: %+v", rows)
	}

	// Within what is owned elsewhere: no flag.
	f.add(acmeHQ, "E0R50LL", "Db2 Austin", models.EnvProduction, 16)
	if e := f.get(acmeHQ, "E0R50LL"); e.OverDeployed || e.Available != 0 {
		t.Errorf("E0R50LL with all 16 deployed: over %v available %d", e.OverDeployed, e.Available)
	}
	// Owning fewer makes it over-deployed.
	f.exec(`UPDATE coverages SET quantity = 10 WHERE site_id = ? AND product_id = (SELECT id FROM products WHERE part_number = 'E0R50LL')`, site)
	if e := f.get(acmeHQ, "E0R50LL"); !e.OverDeployed || e.Available != -6 {
		t.Errorf("E0R50LL with 16 deployed of 10: over %v available %d", e.OverDeployed, e.Available)
	}
	// Deploying less clears the flag.
	if _, err := f.svc.RemoveDeployment(f.ctx(), f.editor(), site, ch.Deployment.ID); err != nil {
		t.Fatal(err)
	}
	if e := f.get(acmeHQ, "E0VJ6LL"); e.OverDeployed || e.Available != 0 {
		t.Errorf("E0VJ6LL after removing one: over %v available %d", e.OverDeployed, e.Available)
	}
	over := f.inventory(acmeHQ, entitlements.Filter{})
	var flagged []string
	for _, e := range over {
		if e.OverDeployed {
			flagged = append(flagged, e.PartNumber)
		}
	}
	if len(flagged) != 1 || flagged[0] != "E0R50LL" {
		t.Errorf("flagged %v, want [E0R50LL]", flagged)
	}
}
