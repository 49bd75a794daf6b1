package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
)

// A4: the Primary's access is never revoked; A3: nor that of the STC of a
// site with current coverage. Neither refusal changes anything.
func TestRevokeAccessNeverRevokesThePrimaryOrANeededSTC(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	refused(t, f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, alice), site, alice), accounts.Conflict, "A4")
	refused(t, f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, alice), site, carol), accounts.Conflict, "A3")
	f.unchanged(audits)
	for _, who := range []string{alice, carol} {
		if _, ok := f.access(acmeHQ, who); !ok {
			t.Fatalf("%s lost access", who)
		}
	}
	if h := f.holders(acmeHQ, "technical"); len(h) != 1 || h[0] != carol {
		t.Fatalf("technical = %v", h)
	}
}
