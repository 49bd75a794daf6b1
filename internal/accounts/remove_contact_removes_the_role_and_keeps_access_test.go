package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// Removing a role takes that role only: the holder keeps their access,
// their privileges and their other roles; one audit row names the site and
// the role's holders by email before and after (none left: an empty list).
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
	if len(rows) != 1 || rows[0].ObjectType != "site_contact" || rows[0].ObjectID != "renewal" ||
		rows[0].SiteID == nil || *rows[0].SiteID != site.ID || rows[0].Actor != alice {
		t.Fatalf("audit rows %+v", rows)
	}
	sameDoc(t, "before", rows[0].Before, contactDoc(acmeHQ, models.RoleRenewal, bob))
	sameDoc(t, "after", rows[0].After, contactDoc(acmeHQ, models.RoleRenewal))
}
