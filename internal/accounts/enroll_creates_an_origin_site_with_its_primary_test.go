package accounts_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

func originEnrollment() accounts.Enrollment {
	return accounts.Enrollment{
		Kind: models.SiteOrigin, CustomerNumber: "1000100", CustomerName: "Zenith Labs", AgreementNumber: "2000100",
		Anniversary: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), VolumeLevel: "D",
		SiteNumber: "300900", SiteName: "Zenith Labs - Austin", Country: "US", Currency: "USD", PrimaryEmail: "zoe@zenith.example.com",
	}
}

// A1: an origin enrolment creates the customer, the agreement and the site
// with its Primary Contact, who holds everything; one audit row.
func TestEnrollCreatesAnOriginSiteWithItsPrimary(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := originEnrollment()
	site, err := f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), e)
	if err != nil {
		t.Fatal(err)
	}
	if site.ID == 0 || site.AgreementID == nil || site.Kind != models.SiteOrigin || site.SiteNumber != e.SiteNumber {
		t.Fatalf("site = %+v", site)
	}
	cust := f.customer(e.CustomerNumber)
	if cust.Name != e.CustomerName || site.CustomerID != cust.ID {
		t.Fatalf("customer = %+v, site's customer %d", cust, site.CustomerID)
	}
	var ag models.Agreement
	if err := f.db.Take(&ag, *site.AgreementID).Error; err != nil {
		t.Fatal(err)
	}
	if ag.AgreementNumber != e.AgreementNumber || ag.CustomerID != cust.ID || ag.VolumeLevel != "D" || !ag.Anniversary.Equal(e.Anniversary) {
		t.Fatalf("agreement = %+v", ag)
	}
	st, found, err := accounts.SiteStandingByNumber(f.ctx(), f.db, f.user(e.PrimaryEmail).ID, e.SiteNumber)
	if err != nil || !found || !st.IsPrimary || st.Stored != models.PrimaryPrivileges {
		t.Fatalf("the Primary's standing = %+v found=%v %v", st, found, err)
	}
	rows := f.audits("enrollment.create")
	if len(rows) != 1 || rows[0].Actor != "ops@ibm.example.com" || rows[0].ObjectID != e.SiteNumber ||
		doc(t, rows[0].After)["primary"] != e.PrimaryEmail || rows[0].CustomerID == nil || *rows[0].CustomerID != cust.ID {
		t.Fatalf("audit rows %+v", rows)
	}
}
