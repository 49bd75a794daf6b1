package accounts_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// D1: an administrator sets a user's support level: the row is created or
// replaced, and the audit row has the level before and after.
func TestSetSupportLevelUpsertsWithAudit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.customer(acme)
	if err := f.svc.SetSupportLevel(f.ctx(), actor(carol), c.ID, bob, models.SupportFull); err != nil {
		t.Fatal(err)
	}
	if lvl, _ := f.supportLevel(acme, bob); lvl != models.SupportFull {
		t.Fatalf("bob = %s", lvl)
	}
	// A user of the account with no row yet gets one.
	if _, err := f.svc.SetPrivileges(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), "una@acme.example.com",
		models.Privileges{Reporting: models.LevelView}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetSupportLevel(f.ctx(), actor(carol), c.ID, "una@acme.example.com", models.SupportBasic); err != nil {
		t.Fatal(err)
	}
	if lvl, ok := f.supportLevel(acme, "una@acme.example.com"); !ok || lvl != models.SupportBasic {
		t.Fatalf("una = %s %v", lvl, ok)
	}
	rows := f.audits("support_level.set")
	if len(rows) != 2 {
		t.Fatalf("%d support_level.set rows", len(rows))
	}
	for i, w := range []struct{ obj, before, after string }{{bob, "basic", "full"}, {"una@acme.example.com", "none", "basic"}} {
		r := rows[i]
		if r.ObjectID != w.obj || r.Actor != carol || r.CustomerID == nil || *r.CustomerID != c.ID || r.SiteID != nil ||
			doc(t, r.Before)["support_level"] != w.before || doc(t, r.After)["support_level"] != w.after {
			t.Errorf("audit row %d = %+v before %s after %s", i, r, r.Before, r.After)
		}
	}
}
