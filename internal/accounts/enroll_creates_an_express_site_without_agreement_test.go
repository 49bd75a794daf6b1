package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A1: an Express site has its own new customer and no agreement.
func TestEnrollCreatesAnExpressSiteWithoutAgreement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	agreements := f.count("SELECT count(*) FROM agreements")
	site, err := f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), accounts.Enrollment{
		Kind: models.SiteExpress, CustomerNumber: "1000200", CustomerName: "Warung Digital", SiteNumber: "400002",
		SiteName: "Warung Digital - Ubud", Country: "ID", Currency: "IDR", PrimaryEmail: "wayan@warung.example.com",
		AgreementNumber: "2000200", // ignored: Express has none
	})
	if err != nil {
		t.Fatal(err)
	}
	if site.AgreementID != nil || site.Kind != models.SiteExpress || site.CustomerID != f.customer("1000200").ID {
		t.Fatalf("site = %+v", site)
	}
	if n := f.count("SELECT count(*) FROM agreements"); n != agreements {
		t.Fatalf("an Express enrolment created %d agreements", n-agreements)
	}
	if p, ok := f.access("400002", "wayan@warung.example.com"); !ok || p != models.PrimaryPrivileges {
		t.Fatalf("primary access = %+v %v", p, ok)
	}
}
