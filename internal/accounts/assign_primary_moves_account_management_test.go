package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A4/B2: moving the Primary moves account management: the new Primary's
// row holds everything, the former keeps their other tools but no longer
// manage access or contact update, and their standing follows.
func TestAssignPrimaryMovesAccountManagement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	if err := f.svc.AssignContact(f.ctx(), actor(alice), site, models.RolePrimary, erin); err != nil {
		t.Fatal(err)
	}
	if h := f.holders(acmeHQ, models.RolePrimary); !slices.Equal(h, []string{erin}) {
		t.Fatalf("primary = %v", h)
	}
	if p, _ := f.access(acmeHQ, erin); p != models.PrimaryPrivileges {
		t.Fatalf("new Primary's row = %+v", p)
	}
	want := models.PrimaryPrivileges
	want.ManageAccess, want.ContactUpdate = models.LevelNone, models.LevelNone
	if p, ok := f.access(acmeHQ, alice); !ok || p != want {
		t.Fatalf("former Primary's row = %+v %v, want %+v", p, ok, want)
	}
	st, _, err := accounts.SiteStandingByNumber(f.ctx(), f.db, f.user(alice).ID, acmeHQ)
	if err != nil {
		t.Fatal(err)
	}
	if st.IsPrimary || st.Privileges != want {
		t.Fatalf("former Primary's standing = %+v", st)
	}
	rows := f.audits("contact.move_primary")
	if len(rows) != 1 || rows[0].ObjectID != "primary" || rows[0].SiteID == nil || *rows[0].SiteID != site.ID {
		t.Fatalf("audit rows %+v", rows)
	}
	sameDoc(t, "before", rows[0].Before, contactDoc(acmeHQ, models.RolePrimary, alice))
	sameDoc(t, "after", rows[0].After, contactDoc(acmeHQ, models.RolePrimary, erin))
	if n := len(f.audits("contact.assign")); n != 0 {
		t.Fatalf("moving the Primary wrote %d contact.assign rows", n)
	}
}
