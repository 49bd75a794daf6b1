package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A2: giving a role to its holder is a conflict; an unknown role is
// unprocessable; neither changes anything nor creates the user.
func TestAssignContactRefusesCurrentHoldersAndUnknownRoles(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	refused(t, f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleTechnical, carol), accounts.Conflict, "A2")
	refused(t, f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, grace), accounts.Conflict, "A2")
	refused(t, f.svc.AssignContact(f.ctx(), actor(alice), site, models.ContactRole("owner"), "new@acme.example.com"), accounts.Unprocessable, "A2")
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users WHERE email = 'new@acme.example.com'"); n != 0 {
		t.Fatalf("a refused assignment created the user")
	}
}
