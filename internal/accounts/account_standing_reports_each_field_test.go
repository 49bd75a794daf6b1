package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// AccountStandingByNumber and AccountStandingByID return the customer, the
// caller's stored support level (none without a row), the effective level,
// whether they are a Site Technical Contact of one of its sites (D2: an STC
// administers support access) and whether they manage the account (the
// Primary of one of its sites, or manage access on one).
func TestAccountStandingReportsEachField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []struct {
		customer, email string
		stored, level   models.SupportLevel
		stc, manages    bool
	}{
		{acme, carol, models.SupportAdmin, models.SupportAdmin, true, false},
		{acme, alice, models.SupportFull, models.SupportFull, false, true}, // Primary of 300001
		{acme, heidi, models.SupportFull, models.SupportFull, false, true}, // Primary of 300002 only
		{acme, grace, models.SupportFull, models.SupportFull, false, true}, // manage_access=update on 300001
		{acme, bob, models.SupportBasic, models.SupportBasic, false, false},
		{acme, henry, models.SupportNone, models.SupportNone, false, false}, // a row at none
		{acme, frank, models.SupportNone, models.SupportNone, false, false}, // no row
		{acme, budi, models.SupportNone, models.SupportNone, false, false},  // another customer's Primary
		{"1000002", carol, models.SupportNone, models.SupportNone, false, false},
		{"1000002", alice, models.SupportNone, models.SupportNone, false, false},
		{"1000002", "dewi@nusantara.example.com", models.SupportAdmin, models.SupportAdmin, true, false},
		{"1000004", solo, models.SupportBasic, models.SupportBasic, false, true},
	} {
		want := f.customer(c.customer)
		uid := f.user(c.email).ID
		byNumber, found, err := accounts.AccountStandingByNumber(f.ctx(), f.db, uid, c.customer)
		if err != nil || !found {
			t.Fatalf("%s on %s: found=%v %v", c.email, c.customer, found, err)
		}
		byID, found, err := accounts.AccountStandingByID(f.ctx(), f.db, uid, want.ID)
		if err != nil || !found {
			t.Fatalf("%s on customer id %d: found=%v %v", c.email, want.ID, found, err)
		}
		for name, a := range map[string]accounts.AccountStanding{"by number": byNumber, "by id": byID} {
			if a.Customer.ID != want.ID || a.Customer.CustomerNumber != want.CustomerNumber || a.Customer.Name != want.Name ||
				!a.Customer.CreatedAt.Equal(want.CreatedAt) {
				t.Errorf("%s %s on %s: customer = %+v, want %+v", name, c.email, c.customer, a.Customer, want)
			}
			if a.Stored != c.stored || a.Level != c.level || a.IsSTC != c.stc || a.ManagesAccount != c.manages {
				t.Errorf("%s %s on %s: stored=%s level=%s stc=%v manages=%v, want %s %s %v %v", name, c.email, c.customer,
					a.Stored, a.Level, a.IsSTC, a.ManagesAccount, c.stored, c.level, c.stc, c.manages)
			}
		}
	}
}
