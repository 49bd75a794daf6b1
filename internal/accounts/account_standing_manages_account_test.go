package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// ManagesAccount follows the caller's rows: manage access at view is
// enough, on any of the account's sites; losing it, or the Primary role,
// ends it at once.
func TestAccountStandingManagesAccountFollowsTheRows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	manages := func(email string) bool {
		t.Helper()
		a, found, err := accounts.AccountStandingByNumber(f.ctx(), f.db, f.user(email).ID, acme)
		if err != nil || !found {
			t.Fatalf("standing of %s: found=%v %v", email, found, err)
		}
		return a.ManagesAccount
	}
	if manages(erin) {
		t.Fatal("erin manages the account with software downloads only")
	}
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), erin,
		models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelView}); err != nil {
		t.Fatal(err)
	}
	if !manages(erin) {
		t.Fatal("manage_access=view does not count")
	}
	if err := f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), erin); err != nil {
		t.Fatal(err)
	}
	if manages(erin) {
		t.Fatal("erin still manages the account after her access was revoked")
	}
	if err := f.svc.AssignContact(f.ctx(), actor(heidi), f.site(acmeEU), models.RolePrimary, bob); err != nil {
		t.Fatal(err)
	}
	if !manages(bob) {
		t.Fatal("the new Primary of 300002 does not manage the account")
	}
	if manages(heidi) {
		t.Fatal("the former Primary of 300002 still manages the account")
	}
}
