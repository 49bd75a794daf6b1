package accounts_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A4: the Primary Contact is moved, never removed, even by naming its
// holder.
func TestRemoveContactNeverRemovesThePrimary(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	audits := f.auditCount()
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), f.site(acmeHQ), models.RolePrimary, alice), accounts.Conflict, "A4")
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), f.site(acmeHQ), models.RolePrimary, bob), accounts.Conflict, "A4")
	if h := f.holders(acmeHQ, models.RolePrimary); !slices.Equal(h, []string{alice}) {
		t.Fatalf("primary = %v", h)
	}
	f.unchanged(audits)
}
