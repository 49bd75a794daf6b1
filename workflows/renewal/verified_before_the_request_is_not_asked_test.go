package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The Primary may confirm the contacts before the verification request is
// due: the renewal still moves to verifying at -120, without asking again;
// the confirmation is kept to the end.
func TestVerifiedBeforeTheRequestIsNotAskedAgain(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	verified := h.update(before(125*day), renewal.UpdateVerifyContacts, renewal.Verification{By: alice, Allowed: true})
	h.run()

	if st := verified.MustComplete(t); st.Status != models.RenewalScheduled || !st.Verified {
		t.Fatalf("verification answered %+v", st)
	}
	wantSeq(t, "writes", statuses(h.f.writes())[:3], []string{"scheduled", "scheduled", "verifying"})
	if n := templates(h.f.notices()); n[0] != "renewal_notice→renewal" {
		t.Fatalf("notices = %q: the Primary was asked after confirming", n)
	}
	if st := h.result(); !st.Verified || st.VerifiedBy != alice.Email || st.Status != models.RenewalLapsed {
		t.Fatalf("result = %+v", st)
	}
}
