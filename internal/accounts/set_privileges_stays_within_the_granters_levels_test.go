package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// B2: a delegate (manage_access=update, not Primary) grants up to their own
// levels; more is forbidden and changes nothing; someone without manage
// access changes nothing at all.
func TestSetPrivilegesStaysWithinTheGrantersLevels(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site, g := f.site(acmeHQ), f.granter(acmeHQ, grace)
	before, _ := f.access(acmeHQ, erin)

	audits := f.auditCount()
	_, err := f.svc.SetPrivileges(f.ctx(), g, site, erin, models.Privileges{Software: models.SoftwareFull, Entitlements: models.LevelUpdate})
	refused(t, err, accounts.Forbidden, "B2")
	_, err = f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, dave), site, erin, models.Privileges{Software: models.SoftwareDownloads})
	refused(t, err, accounts.Forbidden, "B2")
	f.unchanged(audits)
	if p, _ := f.access(acmeHQ, erin); p != before {
		t.Fatalf("a refused change changed erin: %+v → %+v", before, p)
	}

	want := models.Privileges{Software: models.SoftwareFull, Entitlements: models.LevelView, Documents: models.LevelView}
	got, err := f.svc.SetPrivileges(f.ctx(), g, site, erin, want)
	if err != nil || got != want {
		t.Fatalf("SetPrivileges = %+v, %v", got, err)
	}
	if p, _ := f.access(acmeHQ, erin); p != want {
		t.Fatalf("erin = %+v, want %+v", p, want)
	}
	rows := f.audits("privileges.set")
	if len(rows) != 1 || rows[0].Actor != grace || rows[0].ObjectID != erin ||
		doc(t, rows[0].Before)["software"] != "downloads" || doc(t, rows[0].After)["software"] != "full" {
		t.Fatalf("audit rows %+v", rows)
	}
}
