package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// Removing a role takes that role only: the holder keeps their access,
// their privileges and their other roles; one audit row says who lost what.
func TestRemoveContactRemovesTheRoleAndKeepsAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	before, _ := f.access(acmeHQ, bob)
	if err := f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleRenewal, bob); err != nil {
		t.Fatal(err)
	}
	if h := f.holders(acmeHQ, models.RoleRenewal); len(h) != 0 {
		t.Fatalf("renewal = %v", h)
	}
	if h := f.holders(acmeHQ, models.RoleAdministrative); !slices.Equal(h, []string{bob}) {
		t.Fatalf("administrative = %v", h)
	}
	if p, ok := f.access(acmeHQ, bob); !ok || p != before {
		t.Fatalf("bob's access %+v → %+v %v", before, p, ok)
	}
	rows := f.audits("contact.remove")
	if len(rows) != 1 || rows[0].ObjectID != "renewal" || doc(t, rows[0].Before)["user"] != bob || len(rows[0].After) != 0 {
		t.Fatalf("audit rows %+v", rows)
	}
}
