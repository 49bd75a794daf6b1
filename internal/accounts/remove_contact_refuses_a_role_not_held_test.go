package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A2: removing a role from someone who does not hold it (or who does not
// exist) is unprocessable, and does not create the user.
func TestRemoveContactRefusesARoleNotHeld(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleBilling, erin), accounts.Unprocessable, "A2")
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleSecondary, heidi), accounts.Unprocessable, "A2")
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleSecondary, "ghost@acme.example.com"), accounts.Unprocessable, "A2")
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users WHERE email = 'ghost@acme.example.com'"); n != 0 {
		t.Fatal("removing a role created the user")
	}
}
