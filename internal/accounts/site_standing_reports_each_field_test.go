package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// SiteStandingByNumber and SiteStandingByID return the site as stored, the
// caller's stored row, their effective privileges (the Primary holds
// everything), whether they have access and whether they are the Primary.
func TestSiteStandingReportsEachField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	delegate := models.Privileges{Software: models.SoftwareFull, Reporting: models.LevelView, Entitlements: models.LevelView,
		ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelView, Documents: models.LevelView}
	downloads := models.Privileges{Software: models.SoftwareDownloads}
	for _, c := range []struct {
		site, email     string
		stored          models.Privileges
		access, primary bool
	}{
		{acmeHQ, alice, models.PrimaryPrivileges, true, true},
		{acmeHQ, grace, delegate, true, false},
		{acmeHQ, erin, downloads, true, false},
		{acmeHQ, frank, models.Privileges{}, false, false},
		{acmeHQ, heidi, models.Privileges{}, false, false}, // the Primary of another site of the same customer
		{acmeEU, heidi, models.PrimaryPrivileges, true, true},
		{acmeEU, alice, models.Privileges{}, false, false},
		{"400001", "made@kopikita.example.com", models.PrimaryPrivileges, true, true}, // Express: no agreement
	} {
		want := f.site(c.site)
		uid := f.user(c.email).ID
		byNumber, found, err := accounts.SiteStandingByNumber(f.ctx(), f.db, uid, c.site)
		if err != nil || !found {
			t.Fatalf("%s on %s: found=%v %v", c.email, c.site, found, err)
		}
		byID, found, err := accounts.SiteStandingByID(f.ctx(), f.db, uid, want.ID)
		if err != nil || !found {
			t.Fatalf("%s on site id %d: found=%v %v", c.email, want.ID, found, err)
		}
		for name, s := range map[string]accounts.SiteStanding{"by number": byNumber, "by id": byID} {
			got := s.Site
			if got.ID != want.ID || got.SiteNumber != want.SiteNumber || got.CustomerID != want.CustomerID ||
				got.Kind != want.Kind || got.Name != want.Name || got.Country != want.Country || got.Currency != want.Currency ||
				!got.CreatedAt.Equal(want.CreatedAt) || (got.AgreementID == nil) != (want.AgreementID == nil) ||
				(got.AgreementID != nil && *got.AgreementID != *want.AgreementID) {
				t.Errorf("%s %s on %s: site = %+v, want %+v", name, c.email, c.site, got, want)
			}
			if s.Stored != c.stored {
				t.Errorf("%s %s on %s: stored = %+v, want %+v", name, c.email, c.site, s.Stored, c.stored)
			}
			eff := c.stored
			if c.primary {
				eff = models.PrimaryPrivileges // B2: the Primary holds everything
			}
			if s.Privileges != eff {
				t.Errorf("%s %s on %s: privileges = %+v, want %+v", name, c.email, c.site, s.Privileges, eff)
			}
			if s.HasAccess != c.access || s.IsPrimary != c.primary {
				t.Errorf("%s %s on %s: access=%v primary=%v, want %v %v", name, c.email, c.site, s.HasAccess, s.IsPrimary, c.access, c.primary)
			}
		}
	}
	if s, _, _ := accounts.SiteStandingByNumber(f.ctx(), f.db, f.user(alice).ID, "400001"); s.Site.AgreementID != nil {
		t.Errorf("the Express site has agreement %d", *s.Site.AgreementID)
	}
}
