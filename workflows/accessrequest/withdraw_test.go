package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Only the requester withdraws; a withdrawal ends the request without a
// grant or an email to the requester, and later decisions are refused.
func TestWithdrawalByTheRequesterEndsTheRequest(t *testing.T) {
	h := newHarness(t, nominationInput())
	bySomeoneElse := h.withdraw(30*time.Minute, primaryEmail)
	byNobody := h.withdraw(40*time.Minute, "")
	before := h.queryAt(50 * time.Minute)
	wd := h.withdraw(time.Hour, requesterEmail)
	// Arrive while the withdrawal is being recorded.
	lateDecision := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	lateWithdraw := h.withdraw(time.Hour, requesterEmail)
	h.run()

	bySomeoneElse.MustRefuse(t, accessrequest.ErrNotRequester)
	byNobody.MustRefuse(t, accessrequest.ErrNotRequester)
	if before.Status != models.StatusPending {
		t.Fatalf("state after refused withdrawals = %+v", before)
	}
	got := wd.MustComplete(t)
	if got.Status != models.StatusWithdrawn || !got.Finalized {
		t.Fatalf("withdraw update state = %+v", got)
	}
	lateDecision.MustRefuse(t, accessrequest.ErrAlreadyDecided)
	lateWithdraw.MustRefuse(t, accessrequest.ErrAlreadyDecided)

	wantSeq(t, "writes", actions(h.f.writes()), []string{"request.submit|pending", "request.withdraw|withdrawn"})
	if last := h.f.writes()[1].Record; last.Actor != requesterEmail {
		t.Fatalf("withdraw actor = %q", last.Actor)
	}
	if len(h.f.approvals()) != 0 {
		t.Fatalf("ApproveRequest called on a withdrawal")
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers"})
	if st := h.result(); st.Status != models.StatusWithdrawn || !st.Finalized {
		t.Fatalf("result = %+v", st)
	}
}
