package accounts_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// Removing a role from someone who does not hold it (a user with access, a
// stranger, someone who does not exist, anyone but the Primary for the
// primary role) is ErrRoleNotHeld (the API's 404), checked before A3 and
// A4: it changes nothing, writes no audit row and creates no user.
func TestRemoveContactReportsARoleNotHeld(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	users := f.count("SELECT count(*) FROM users")
	for _, c := range []struct {
		role  models.ContactRole
		email string
	}{
		{models.RoleBilling, erin},                       // has access, holds no role
		{models.RoleSecondary, heidi},                    // Primary of another site
		{models.RoleSecondary, "ghost@acme.example.com"}, // no such user
		{models.RolePrimary, bob},                        // not the Primary: not A4
		{models.RolePrimary, "ghost@acme.example.com"},   // nobody: not A4
		{models.RoleTechnical, erin},                     // covered site, not the STC: not A3
		{models.RoleTechnical, dave},                     // holds another role, not this one
	} {
		err := f.svc.RemoveContact(f.ctx(), actor(alice), site, c.role, c.email)
		if !errors.Is(err, accounts.ErrRoleNotHeld) {
			t.Errorf("remove %s from %s: err = %v, want ErrRoleNotHeld", c.role, c.email, err)
		}
		var re *accounts.RuleError
		if errors.As(err, &re) {
			t.Errorf("remove %s from %s: a rule refusal %+v, want ErrRoleNotHeld", c.role, c.email, re)
		}
	}
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("removing roles not held created %d users", n-users)
	}
	if h := f.holders(acmeHQ, models.RolePrimary); !slices.Equal(h, []string{alice}) {
		t.Fatalf("primary = %v", h)
	}
	if h := f.holders(acmeHQ, models.RoleTechnical); !slices.Equal(h, []string{carol}) {
		t.Fatalf("technical = %v", h)
	}
	if h := f.holders(acmeHQ, models.RoleSecondary); !slices.Equal(h, []string{dave, grace}) {
		t.Fatalf("secondary = %v", h)
	}

	// Once removed, the role is no longer held: removing it again reports so.
	if err := f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleBilling, henry); err != nil {
		t.Fatal(err)
	}
	audits = f.auditCount()
	if err := f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleBilling, henry); !errors.Is(err, accounts.ErrRoleNotHeld) {
		t.Fatalf("second removal: err = %v, want ErrRoleNotHeld", err)
	}
	f.unchanged(audits)
}
