package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// Giving a role to the person who already holds it succeeds and changes
// nothing: no audit row, the same holders, the same privileges (the
// Primary's account management is not moved onto itself), and a full set
// of secondaries does not make a current secondary a fifth.
func TestAssignContactToItsCurrentHolderChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	// Fill the secondaries (dave and grace are seeded): four.
	for _, who := range []string{erin, henry} {
		if err := f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, who); err != nil {
			t.Fatalf("secondary %s: %v", who, err)
		}
	}
	holders := map[models.ContactRole][]string{}
	for _, r := range models.ContactRoles {
		holders[r] = f.holders(acmeHQ, r)
	}
	access := map[string]models.Privileges{}
	for _, who := range []string{alice, bob, carol, dave, grace, henry, erin} {
		access[who], _ = f.access(acmeHQ, who)
	}
	audits := f.auditCount()
	users := f.count("SELECT count(*) FROM users")

	for _, c := range []struct {
		role models.ContactRole
		who  string
	}{
		{models.RolePrimary, alice},
		{models.RoleAdministrative, bob},
		{models.RoleTechnical, carol},
		{models.RoleSecondary, grace},
		{models.RoleSecondary, henry}, // the fourth, assigned above
		{models.RoleRenewal, bob},
		{models.RoleMedia, carol},
		{models.RoleBilling, henry},
	} {
		if err := f.svc.AssignContact(f.ctx(), actor(alice), site, c.role, c.who); err != nil {
			t.Errorf("%s to its holder %s: %v", c.role, c.who, err)
		}
	}
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("%d users created", n-users)
	}
	for r, want := range holders {
		if h := f.holders(acmeHQ, r); !slices.Equal(h, want) {
			t.Errorf("%s holders %v, were %v", r, h, want)
		}
	}
	for who, want := range access {
		if p, ok := f.access(acmeHQ, who); !ok || p != want {
			t.Errorf("%s's access %+v %v, was %+v", who, p, ok, want)
		}
	}
}
