package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A4: the Primary Contact is moved, never removed: naming its holder is a
// conflict (naming anyone else is a role not held:
// remove_contact_reports_a_role_not_held_test.go).
func TestRemoveContactNeverRemovesThePrimary(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	audits := f.auditCount()
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), f.site(acmeHQ), models.RolePrimary, alice), accounts.Conflict, "A4")
	// The Primary of another site is still refused on her own site.
	refused(t, f.svc.RemoveContact(f.ctx(), actor(heidi), f.site(acmeEU), models.RolePrimary, heidi), accounts.Conflict, "A4")
	if h := f.holders(acmeEU, models.RolePrimary); !slices.Equal(h, []string{heidi}) {
		t.Fatalf("primary of %s = %v", acmeEU, h)
	}
	if h := f.holders(acmeHQ, models.RolePrimary); !slices.Equal(h, []string{alice}) {
		t.Fatalf("primary = %v", h)
	}
	f.unchanged(audits)
}
