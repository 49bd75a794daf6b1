package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A2: secondary contacts are added, not moved, up to four; the fifth is a
// conflict that changes nothing.
func TestAssignContactLimitsSecondariesToFour(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ) // dave and grace are secondaries
	for _, who := range []string{erin, henry} {
		if err := f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, who); err != nil {
			t.Fatalf("secondary %s: %v", who, err)
		}
	}
	if h := f.holders(acmeHQ, models.RoleSecondary); len(h) != models.MaxSecondaryContacts {
		t.Fatalf("secondaries = %v", h)
	}
	audits := f.auditCount()
	err := f.svc.AssignContact(f.ctx(), actor(alice), site, models.RoleSecondary, bob)
	refused(t, err, accounts.Conflict, "A2")
	if h := f.holders(acmeHQ, models.RoleSecondary); len(h) != models.MaxSecondaryContacts {
		t.Fatalf("secondaries after the refusal = %v", h)
	}
	f.unchanged(audits)
}
