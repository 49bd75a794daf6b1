package accessrequest_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// A decision still being recorded when the reminder falls due settles
// first and wins: no reminder is written or sent, and the outcome is the
// decision's.
func TestDecisionInFlightWhenTheReminderIsDueWins(t *testing.T) {
	h := newHarness(t, nominationInput())
	// The approval's first attempt fails just before the reminder is due;
	// its retry (200ms later) is in flight when the timer fires.
	h.f.failOnce(func(c call) bool { return c.Activity == accessrequest.ActivityApproveRequest })
	dec := h.decide(testTimers.RemindAfter-inRetryBackoff, approve(primary(), downloadsAndReporting))
	h.run()

	if st := dec.MustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("decision = %+v", st)
	}
	attempts := h.f.attempts(func(c call) bool { return c.Activity == accessrequest.ActivityApproveRequest })
	if len(attempts) != 2 || attempts[1].At.Sub(h.f.writes()[0].At) <= testTimers.RemindAfter {
		t.Fatalf("approval attempts = %d; the committed one must come after the reminder was due", len(attempts))
	}
	wantSeq(t, "writes", actions(h.f.writes()), []string{"request.submit|pending", "request.approve|approved"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_approved→requester"})
	if st := h.result(); st.Status != models.StatusApproved || !st.Finalized || st.Reminded {
		t.Fatalf("result = %+v", st)
	}
}
