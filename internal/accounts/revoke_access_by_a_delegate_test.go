package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// B2: a delegate revokes plain users, even ones holding more than they do,
// but not someone holding manage access or contact update (only the
// Primary), nor a contact-role holder without contact_update=update.
func TestRevokeAccessByADelegate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	delegate := f.granter(acmeHQ, grace)
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), site, "pat@acme.example.com",
		models.Privileges{Entitlements: models.LevelUpdate}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), site, "max@acme.example.com",
		models.Privileges{ManageAccess: models.LevelView}); err != nil {
		t.Fatal(err)
	}
	audits := f.auditCount()
	refused(t, f.svc.RevokeAccess(f.ctx(), delegate, site, "max@acme.example.com"), accounts.Forbidden, "B2")
	refused(t, f.svc.RevokeAccess(f.ctx(), delegate, site, henry), accounts.Forbidden, "B2") // billing contact
	f.unchanged(audits)
	for _, who := range []string{"max@acme.example.com", henry} {
		if _, ok := f.access(acmeHQ, who); !ok {
			t.Fatalf("a refused revocation took %s's access", who)
		}
	}
	for _, who := range []string{erin, "pat@acme.example.com"} {
		if err := f.svc.RevokeAccess(f.ctx(), delegate, site, who); err != nil {
			t.Fatalf("delegate revokes %s: %v", who, err)
		}
		if _, ok := f.access(acmeHQ, who); ok {
			t.Fatalf("%s still has access", who)
		}
	}
	// Someone without manage access revokes nobody.
	refused(t, f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, dave), site, bob), accounts.Forbidden, "B2")
}
