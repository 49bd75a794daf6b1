package accounts_test

import (
	"errors"
	"testing"

	"github.com/pao/pao/internal/accounts"
)

// Revoking someone who has no access to the site, or who does not exist,
// is ErrNoAccess (the API's 404) and creates nobody.
func TestRevokeAccessOfSomeoneWithoutAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	audits := f.auditCount()
	for _, who := range []string{frank, heidi, "ghost@acme.example.com"} {
		if err := f.svc.RevokeAccess(f.ctx(), f.granter(acmeHQ, alice), f.site(acmeHQ), who); !errors.Is(err, accounts.ErrNoAccess) {
			t.Errorf("revoke %s: %v, want ErrNoAccess", who, err)
		}
	}
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM users WHERE email = 'ghost@acme.example.com'"); n != 0 {
		t.Fatal("revoking created the user")
	}
}
