package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A3: a site with S&S coverage that has not ended (ending today counts)
// keeps its Site Technical Contact; once every coverage has ended the STC
// can be removed.
func TestRemoveContactKeepsTheSTCOfACoveredSite(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site := f.site(acmeHQ)
	audits := f.auditCount()
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleTechnical, carol), accounts.Conflict, "A3")

	f.exec("UPDATE coverages SET end_date = ? WHERE site_id = ?", today, site.ID)
	refused(t, f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleTechnical, carol), accounts.Conflict, "A3")
	f.unchanged(audits)

	f.exec("UPDATE coverages SET end_date = ? WHERE site_id = ?", today.AddDate(0, 0, -1), site.ID)
	if err := f.svc.RemoveContact(f.ctx(), actor(alice), site, models.RoleTechnical, carol); err != nil {
		t.Fatalf("removing the STC of a site whose coverage ended: %v", err)
	}
	if h := f.holders(acmeHQ, models.RoleTechnical); len(h) != 0 {
		t.Fatalf("technical = %v", h)
	}
	// Other roles of a covered site are removed freely.
	if err := f.svc.RemoveContact(f.ctx(), actor(alice), f.site(acmeEU), models.RoleAdministrative, bob); err != nil {
		t.Fatalf("removing the administrative contact of a covered site: %v", err)
	}
}
