package catalog_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// Whom a site's people contact (F22): the customer's sales rep, and its
// Business Partner where it buys through one; neither when the customer
// has none; no such site is ErrSiteNotFound.
func TestSiteContactsNameTheRepAndBusinessPartner(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	siteID := func(n string) int64 { return column[int64](t, db, "SELECT id FROM sites WHERE site_number = ?", n)[0] }
	rep := column[string](t, db, "SELECT u.email FROM customers c JOIN users u ON u.id = c.sales_rep_id WHERE c.customer_number = '1000001'")
	if len(rep) != 1 {
		t.Fatalf("customer 1000001 has no sales rep in the demo data: %v", rep)
	}

	direct, err := catalog.SiteContacts(ctx, db, siteID("300001"))
	if err != nil || direct.SalesRep == nil || direct.SalesRep.Email != rep[0] || direct.SalesRep.Name == "" || direct.BusinessPartner != nil {
		t.Errorf("300001 (direct): %+v %v", direct, err)
	}
	bp := column[string](t, db, "SELECT business_partner_name FROM customers WHERE customer_number = '1000004'")
	viaBP, err := catalog.SiteContacts(ctx, db, siteID("300301"))
	if err != nil || viaBP.SalesRep == nil || viaBP.BusinessPartner == nil || len(bp) != 1 || viaBP.BusinessPartner.Name != bp[0] || viaBP.BusinessPartner.Email == "" {
		t.Errorf("300301 (through a Business Partner): %+v %v", viaBP, err)
	}

	if err := db.Exec("UPDATE customers SET sales_rep_id = NULL WHERE customer_number = '1000001'").Error; err != nil {
		t.Fatal(err)
	}
	none, err := catalog.SiteContacts(ctx, db, siteID("300001"))
	if err != nil || none.SalesRep != nil || none.BusinessPartner != nil {
		t.Errorf("300001 without a rep: %+v %v", none, err)
	}
	if _, err := catalog.SiteContacts(ctx, db, 987654321); !errors.Is(err, catalog.ErrSiteNotFound) {
		t.Errorf("no such site: %v", err)
	}
}
