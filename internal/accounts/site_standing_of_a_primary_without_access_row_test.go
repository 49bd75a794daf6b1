package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// The Primary has access and every privilege by the role alone (B2), even
// with no site_access row or a partial one; a row that holds everything
// does not make its holder the Primary.
func TestSiteStandingOfAPrimaryComesWithTheRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	site, a := f.site(acmeHQ), f.user(alice)

	f.exec("DELETE FROM site_access WHERE site_id = ? AND user_id = ?", site.ID, a.ID)
	s, found, err := accounts.SiteStandingByNumber(f.ctx(), f.db, a.ID, acmeHQ)
	if err != nil || !found {
		t.Fatalf("found=%v %v", found, err)
	}
	if !s.HasAccess || !s.IsPrimary || s.Stored != (models.Privileges{}) || s.Privileges != models.PrimaryPrivileges {
		t.Fatalf("Primary without a row: %+v", s)
	}

	f.exec("INSERT INTO site_access (site_id, user_id, software) VALUES (?, ?, 1)", site.ID, a.ID)
	s, _, err = accounts.SiteStandingByID(f.ctx(), f.db, a.ID, site.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Stored != (models.Privileges{Software: models.SoftwareDownloads}) || s.Privileges != models.PrimaryPrivileges || !s.IsPrimary {
		t.Fatalf("Primary with a partial row: %+v", s)
	}

	e := f.user(erin)
	f.exec("UPDATE site_access SET software = 3, reporting = 1, entitlements = 2, manage_access = 2, contact_update = 2, documents = 1 WHERE site_id = ? AND user_id = ?", site.ID, e.ID)
	s, _, err = accounts.SiteStandingByNumber(f.ctx(), f.db, e.ID, acmeHQ)
	if err != nil {
		t.Fatal(err)
	}
	if s.IsPrimary || !s.HasAccess || s.Privileges != models.PrimaryPrivileges || s.Stored != models.PrimaryPrivileges {
		t.Fatalf("a full row without the role: %+v", s)
	}
}
