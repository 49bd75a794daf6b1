package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A1: an additional site joins an existing agreement and its customer; an
// unknown agreement, or one of another customer, is unprocessable.
func TestEnrollAddsASiteToAnExistingAgreement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	e := accounts.Enrollment{Kind: models.SiteAdditional, AgreementNumber: "2000001", SiteNumber: "300003",
		SiteName: "Acme - Toronto", Country: "CA", Currency: "CAD", PrimaryEmail: "tom@acme.example.com"}
	audits := f.auditCount()
	bad := e
	bad.AgreementNumber = "2999999"
	_, err := f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), bad)
	refused(t, err, accounts.Unprocessable, "A1")
	bad = e
	bad.CustomerNumber = "1000002"
	_, err = f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), bad)
	refused(t, err, accounts.Unprocessable, "A1")
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM sites WHERE site_number = '300003'"); n != 0 {
		t.Fatal("a refused enrolment created the site")
	}

	e.CustomerNumber = acme // naming the agreement's own customer is fine
	site, err := f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), e)
	if err != nil {
		t.Fatal(err)
	}
	hq := f.site(acmeHQ)
	if site.CustomerID != hq.CustomerID || site.AgreementID == nil || *site.AgreementID != *hq.AgreementID || site.Kind != models.SiteAdditional {
		t.Fatalf("site = %+v, want on agreement %d of customer %d", site, *hq.AgreementID, hq.CustomerID)
	}
	if h := f.holders("300003", models.RolePrimary); len(h) != 1 || h[0] != "tom@acme.example.com" {
		t.Fatalf("primary = %v", h)
	}
}
