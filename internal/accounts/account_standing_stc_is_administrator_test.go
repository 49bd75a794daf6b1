package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// D2: the Site Technical Contact of any of an account's sites is its
// support administrator whatever is stored; another role is not, and the
// STC role on another customer's site does not count.
func TestAccountStandingOfAnSTCIsAdministrator(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c, u := f.customer(acme), f.user(dave)

	f.exec("UPDATE site_contacts SET user_id = ? WHERE role = 'technical' AND site_id = ?", u.ID, f.site(acmeEU).ID)
	a, found, err := accounts.AccountStandingByID(f.ctx(), f.db, u.ID, c.ID)
	if err != nil || !found {
		t.Fatalf("found=%v %v", found, err)
	}
	if !a.IsSTC || a.Stored != models.SupportBasic || a.Level != models.SupportAdmin {
		t.Fatalf("STC of the additional site with a basic row: %+v", a)
	}

	f.exec("DELETE FROM support_access WHERE customer_id = ? AND user_id = ?", c.ID, u.ID)
	a, _, err = accounts.AccountStandingByNumber(f.ctx(), f.db, u.ID, acme)
	if err != nil {
		t.Fatal(err)
	}
	if !a.IsSTC || a.Stored != models.SupportNone || a.Level != models.SupportAdmin {
		t.Fatalf("STC without a support row: %+v", a)
	}

	// The Primary of an account's site is not, by the role, its support
	// administrator.
	a, _, err = accounts.AccountStandingByNumber(f.ctx(), f.db, f.user(alice).ID, acme)
	if err != nil {
		t.Fatal(err)
	}
	if a.IsSTC || a.Level != models.SupportFull {
		t.Fatalf("the Primary: %+v", a)
	}

	// Being an STC elsewhere gives nothing here.
	f.exec("UPDATE site_contacts SET user_id = ? WHERE role = 'technical' AND site_id = ?", f.user(erin).ID, f.site("300301").ID)
	a, _, err = accounts.AccountStandingByNumber(f.ctx(), f.db, f.user(erin).ID, acme)
	if err != nil {
		t.Fatal(err)
	}
	if a.IsSTC || a.Level != models.SupportNone {
		t.Fatalf("an STC of another customer's site: %+v", a)
	}
}

// No such customer is found=false without an error.
func TestAccountStandingOfAMissingCustomerIsNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	uid := f.user(carol).ID
	for _, number := range []string{"9999999", "", "1000001 "} {
		a, found, err := accounts.AccountStandingByNumber(f.ctx(), f.db, uid, number)
		if err != nil || found || a.Customer.ID != 0 || a.Level != models.SupportNone {
			t.Errorf("customer %q: %+v found=%v err=%v", number, a, found, err)
		}
	}
	a, found, err := accounts.AccountStandingByID(f.ctx(), f.db, uid, 1<<40)
	if err != nil || found || a.Customer.ID != 0 {
		t.Errorf("customer id 2^40: %+v found=%v err=%v", a, found, err)
	}
}
