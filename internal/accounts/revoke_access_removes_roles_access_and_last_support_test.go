package accounts_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// Revoking takes the user's access and contact roles on the site and, with
// their last site of the customer, their support access; one audit row
// keeps what they held.
func TestRevokeAccessRemovesRolesAccessAndLastSupport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), dave); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.access(acmeHQ, dave); ok {
		t.Fatal("dave still has access")
	}
	if n := f.count("SELECT count(*) FROM site_contacts WHERE user_id = ?", f.user(dave).ID); n != 0 {
		t.Fatalf("dave still holds %d roles", n)
	}
	if _, ok := f.supportLevel(acme, dave); ok {
		t.Fatal("dave kept support access with his last site of the account")
	}
	rows := f.audits("access.revoke")
	if len(rows) != 1 {
		t.Fatalf("%d access.revoke rows", len(rows))
	}
	before := doc(t, rows[0].Before)
	priv, _ := before["privileges"].(map[string]any)
	if rows[0].ObjectID != dave || fmtRoles(before) != "[secondary]" || priv["software"] != "downloads" || len(rows[0].After) != 0 {
		t.Fatalf("audit row %+v", rows[0])
	}
	// Other people keep theirs.
	if lvl, ok := f.supportLevel(acme, bob); !ok || lvl != models.SupportBasic {
		t.Fatalf("bob's support level = %v %v", lvl, ok)
	}
}
