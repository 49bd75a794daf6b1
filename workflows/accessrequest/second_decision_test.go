package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Exactly one decision counts: a second one arriving while the first is
// still being granted and recorded is refused, and the first stands.
func TestSecondDecisionIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	first := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	second := h.decide(time.Hour, reject(manager(), "too late"))
	h.run()

	if st := first.MustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("first decision = %+v", st)
	}
	second.MustRefuse(t, accessrequest.ErrAlreadyDecided)
	if len(h.f.approvals()) != 1 {
		t.Fatalf("ApproveRequest called %d times", len(h.f.approvals()))
	}
	st := h.result()
	if st.Status != models.StatusApproved || st.DecidedBy != primaryEmail || st.DecisionReason != "" {
		t.Fatalf("result = %+v (the first decision must stand)", st)
	}
	if n := h.noticeWith("request_rejected"); len(n) != 0 {
		t.Fatalf("the refused rejection was notified: %+v", n)
	}
}
