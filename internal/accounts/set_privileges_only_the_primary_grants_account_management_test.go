package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// B2: only the Primary grants or takes away manage access and contact
// update, even from a delegate who holds them at update.
func TestSetPrivilegesOnlyThePrimaryGrantsAccountManagement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	delegate := f.granter(acmeHQ, grace)
	audits := f.auditCount()
	_, err := f.svc.SetPrivileges(f.ctx(), delegate, site, erin, models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelView})
	refused(t, err, accounts.Forbidden, "B2")
	_, err = f.svc.SetPrivileges(f.ctx(), delegate, site, erin, models.Privileges{Software: models.SoftwareDownloads, ContactUpdate: models.LevelView})
	refused(t, err, accounts.Forbidden, "B2")
	f.unchanged(audits)

	want := models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelUpdate}
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), site, erin, want); err != nil {
		t.Fatalf("the Primary grants account management: %v", err)
	}
	if p, _ := f.access(acmeHQ, erin); p != want {
		t.Fatalf("erin = %+v", p)
	}
	// Now erin holds manage access: the delegate may not take it away.
	_, err = f.svc.SetPrivileges(f.ctx(), delegate, site, erin, models.Privileges{Software: models.SoftwareDownloads})
	refused(t, err, accounts.Forbidden, "B2")
}
