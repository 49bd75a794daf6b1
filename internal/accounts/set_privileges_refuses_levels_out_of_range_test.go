package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// B1: a level outside its tool's range is unprocessable before anything is
// written.
func TestSetPrivilegesRefusesLevelsOutOfRange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	audits := f.auditCount()
	for _, p := range []models.Privileges{{Software: 4}, {Reporting: 2}, {Documents: -1}} {
		_, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), erin, p)
		refused(t, err, accounts.Unprocessable, "B1")
	}
	f.unchanged(audits)
}
