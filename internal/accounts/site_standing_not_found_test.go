package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
)

// No such site is found=false without an error; an unknown user on a real
// site is found with no access.
func TestSiteStandingOfAMissingSiteIsNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	uid := f.user(alice).ID
	for _, number := range []string{"999999", "", "300001 ", "30000"} {
		s, found, err := accounts.SiteStandingByNumber(f.ctx(), f.db, uid, number)
		if err != nil || found || s.Site.ID != 0 || s.HasAccess {
			t.Errorf("site %q: %+v found=%v err=%v", number, s, found, err)
		}
	}
	s, found, err := accounts.SiteStandingByID(f.ctx(), f.db, uid, 1<<40)
	if err != nil || found || s.Site.ID != 0 {
		t.Errorf("site id 2^40: %+v found=%v err=%v", s, found, err)
	}

	s, found, err = accounts.SiteStandingByNumber(f.ctx(), f.db, 1<<40, acmeHQ)
	if err != nil || !found || s.HasAccess || s.IsPrimary || s.Site.SiteNumber != acmeHQ {
		t.Errorf("unknown user: %+v found=%v err=%v", s, found, err)
	}
}
