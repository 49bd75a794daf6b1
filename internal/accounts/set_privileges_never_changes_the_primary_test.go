package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// B2: the Primary's privileges come with the role; nobody changes them,
// not even the Primary.
func TestSetPrivilegesNeverChangesThePrimary(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	audits := f.auditCount()
	_, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), alice, models.Privileges{Software: models.SoftwareDownloads})
	refused(t, err, accounts.Conflict, "B2")
	_, err = f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, grace), f.site(acmeHQ), alice, models.Privileges{})
	refused(t, err, accounts.Conflict, "B2")
	f.unchanged(audits)
	if p, _ := f.access(acmeHQ, alice); p != models.PrimaryPrivileges {
		t.Fatalf("alice = %+v", p)
	}
}
