package accessrequest_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// A decision that arrives while the reminder's write is in flight (here,
// waiting to retry after a transient error) waits for it and wins: the
// approval is the last write, and no reminder is queued after it.
func TestDecisionDuringReminderWriteKeepsTheFinalRecord(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool {
		r := c.Record
		return c.Activity == accessrequest.ActivityRecordRequest && r.AuditAction == "" && r.State.Reminded
	})
	dec := h.decide(testTimers.RemindAfter+inRetryBackoff, approve(primary(), downloadsAndReporting))
	h.run()

	if st := dec.MustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("decision = %+v", st)
	}
	if st := h.result(); st.Status != models.StatusApproved {
		t.Fatalf("result = %+v", st)
	}
	// The writes are serialised: reminder, then the approval (which keeps
	// the reminder's flag).
	writes := h.f.writes()
	wantSeq(t, "writes", actions(writes), []string{"request.submit|pending", "|pending", "request.approve|approved"})
	if last := writes[len(writes)-1].Record.State; !last.Reminded || !last.Finalized {
		t.Fatalf("last write = %+v", last)
	}
	if n := h.noticeWith("request_reminder"); len(n) != 0 {
		t.Fatalf("a reminder was queued for a request decided meanwhile: %+v", n)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_approved→requester"})
}
