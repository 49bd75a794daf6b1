package accounts_test

import (
	"testing"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// A1: an existing customer, agreement or site number is a conflict, an
// unknown kind unprocessable; each refusal rolls back everything it had
// created (no customer is left behind by a duplicate site).
func TestEnrollRefusesExistingNumbersAndUnknownKinds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	customers, users := f.count("SELECT count(*) FROM customers"), f.count("SELECT count(*) FROM users")
	audits := f.auditCount()
	for name, c := range map[string]struct {
		edit func(*accounts.Enrollment)
		kind accounts.RuleKind
	}{
		"existing customer":  {func(e *accounts.Enrollment) { e.CustomerNumber = acme }, accounts.Conflict},
		"existing agreement": {func(e *accounts.Enrollment) { e.AgreementNumber = "2000001" }, accounts.Conflict},
		"existing site":      {func(e *accounts.Enrollment) { e.SiteNumber = acmeHQ }, accounts.Conflict},
		"unknown kind":       {func(e *accounts.Enrollment) { e.Kind = models.SiteKind("partner") }, accounts.Unprocessable},
	} {
		e := originEnrollment()
		c.edit(&e)
		_, err := f.svc.Enroll(f.ctx(), actor("ops@ibm.example.com"), e)
		t.Run(name, func(t *testing.T) { refused(t, err, c.kind, "A1") })
	}
	f.unchanged(audits)
	if n := f.count("SELECT count(*) FROM customers"); n != customers {
		t.Fatalf("refused enrolments left %d customers behind", n-customers)
	}
	if n := f.count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("refused enrolments left %d users behind", n-users)
	}
}
