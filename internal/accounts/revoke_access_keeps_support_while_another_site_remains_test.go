package accounts_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// Support access belongs to the account: revoking one of a user's sites of
// the customer leaves it while they still have another.
func TestRevokeAccessKeepsSupportWhileAnotherSiteRemains(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.svc.RevokeAccess(f.ctx(), f.granter(acmeEU, heidi), f.site(acmeEU), bob); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.access(acmeEU, bob); ok {
		t.Fatal("bob still has access to 300002")
	}
	if _, ok := f.access(acmeHQ, bob); !ok {
		t.Fatal("revoking 300002 took bob's access to 300001")
	}
	if lvl, ok := f.supportLevel(acme, bob); !ok || lvl != models.SupportBasic {
		t.Fatalf("bob's support level = %v %v, want basic kept", lvl, ok)
	}
}
