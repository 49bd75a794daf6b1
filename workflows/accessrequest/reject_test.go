package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// A rejection records the reason, grants nothing and tells the requester
// why.
func TestRejectionRecordsTheReasonAndGrantsNothing(t *testing.T) {
	h := newHarness(t, nominationInput())
	dec := h.decide(time.Hour, reject(primary(), "not an employee"))
	h.run()

	got := dec.MustComplete(t)
	if got.Status != models.StatusRejected || got.DecisionReason != "not an employee" || got.Granted != nil {
		t.Fatalf("update state = %+v", got)
	}
	if a := h.f.approvals(); len(a) != 0 {
		t.Fatalf("ApproveRequest called on a rejection: %+v", a)
	}
	wantSeq(t, "writes", actions(h.f.writes()), []string{"request.submit|pending", "request.reject|rejected"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_rejected→requester"})
	if n := h.noticeWith("request_rejected")[0].Notice; n.State.DecisionReason != "not an employee" {
		t.Fatalf("rejection notice lacks the reason: %+v", n.State)
	}
	st := h.result()
	if st.Status != models.StatusRejected || !st.Finalized || st.DecidedBy != primaryEmail {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "ProcessStatus upserts", h.sa.ProcessStatuses(), []string{"pending", "rejected"})
}

// A rejection without a reason is refused before it is accepted: nothing
// runs, the request stays pending, a later valid rejection counts.
func TestRejectionWithoutReasonIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	bad := h.decide(time.Hour, reject(primary(), ""))
	afterRefusal := h.queryAt(2 * time.Hour)
	var callsAfterRefusal int
	h.env.RegisterDelayedCallback(func() { callsAfterRefusal = len(h.f.All()) }, 2*time.Hour)
	good := h.decide(3*time.Hour, reject(primary(), "duplicate request"))
	h.run()

	bad.MustRefuse(t, accessrequest.ErrInvalidDecision)
	if afterRefusal.Status != models.StatusPending || afterRefusal.DecidedBy != "" || afterRefusal.Finalized {
		t.Fatalf("state after the refused rejection = %+v", afterRefusal)
	}
	if callsAfterRefusal != 2 { // submit write + request_new notice only
		t.Fatalf("activity calls after the refusal = %d, want 2", callsAfterRefusal)
	}
	if st := good.MustComplete(t); st.Status != models.StatusRejected || st.DecisionReason != "duplicate request" {
		t.Fatalf("later valid decision = %+v", st)
	}
	if st := h.result(); st.Status != models.StatusRejected {
		t.Fatalf("result = %+v", st)
	}
}
