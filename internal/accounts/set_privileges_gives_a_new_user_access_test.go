package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// Setting privileges of someone without access creates the user and their
// access row; the audit row has no before.
func TestSetPrivilegesGivesANewUserAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const newcomer = "olga@acme.example.com"
	want := models.Privileges{Reporting: models.LevelView}
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), newcomer, want); err != nil {
		t.Fatal(err)
	}
	if p, ok := f.access(acmeHQ, newcomer); !ok || p != want {
		t.Fatalf("newcomer = %+v %v", p, ok)
	}
	st, _, err := accounts.SiteStandingByNumber(f.ctx(), f.db, f.user(newcomer).ID, acmeHQ)
	if err != nil || !st.HasAccess || st.Privileges != want {
		t.Fatalf("standing = %+v, %v", st, err)
	}
	rows := f.audits("privileges.set")
	if len(rows) != 1 || len(rows[0].Before) != 0 || doc(t, rows[0].After)["reporting"] != "view" {
		t.Fatalf("audit rows %+v", rows)
	}
}
