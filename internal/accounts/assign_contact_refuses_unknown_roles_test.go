package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A2: an unknown role is unprocessable; it changes nothing and does not
// create the user.
func TestAssignContactRefusesUnknownRoles(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	for _, role := range []models.ContactRole{"owner", "account_management", "", "Primary"} {
		refused(t, f.svc.AssignContact(f.ctx(), actor(alice), site, role, "new@acme.example.com"), accounts.Unprocessable, "A2")
	}
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users WHERE email = 'new@acme.example.com'"); n != 0 {
		t.Fatalf("a refused assignment created the user")
	}
}
