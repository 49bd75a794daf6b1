package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// A2: assigning a role to someone unknown creates the user and gives them
// access to the site, with no privileges.
func TestAssignContactGivesTheNewHolderAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const newcomer = "nina@acme.example.com"
	if err := f.svc.AssignContact(f.ctx(), actor(alice), f.site(acmeHQ), models.RoleBilling, newcomer); err != nil {
		t.Fatal(err)
	}
	if h := f.holders(acmeHQ, models.RoleBilling); !slices.Equal(h, []string{newcomer}) {
		t.Fatalf("billing = %v", h)
	}
	p, ok := f.access(acmeHQ, newcomer)
	if !ok || p != (models.Privileges{}) {
		t.Fatalf("newcomer access = %+v %v, want a row with no privileges", p, ok)
	}
	if n := f.count("SELECT count(*) FROM users WHERE email = ?", newcomer); n != 1 {
		t.Fatalf("%d users %s", n, newcomer)
	}

	// Someone who already has access keeps their row as it is.
	before, _ := f.access(acmeHQ, erin)
	if err := f.svc.AssignContact(f.ctx(), actor(alice), f.site(acmeHQ), models.RoleMedia, erin); err != nil {
		t.Fatal(err)
	}
	if after, ok := f.access(acmeHQ, erin); !ok || after != before {
		t.Fatalf("erin's access %+v → %+v", before, after)
	}
}
