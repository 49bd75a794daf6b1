package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// failApprovals makes every ApproveRequest fail as a write PostgreSQL
// refuses for good (e.g. a reason with a NUL byte).
func failApprovals(h *harness) {
	h.f.Fail = func(c call) error {
		if c.Activity == accessrequest.ActivityApproveRequest {
			return permanent()
		}
		return nil
	}
}

// A decision whose write fails for good is refused after the fact: the
// update answers ErrNotRecorded, the status query, the read model and
// ProcessStatus all still say pending, and a later decision counts.
func TestDecisionThatCannotBeRecordedLeavesTheRequestDecidable(t *testing.T) {
	h := newHarness(t, nominationInput())
	failApprovals(h)
	bad := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	after := h.queryAt(2 * time.Hour)
	good := h.decide(3*time.Hour, reject(primary(), "asked the wrong site"))
	h.run()

	bad.MustFail(t, accessrequest.ErrNotRecorded)
	if after.Status != models.StatusPending || after.DecidedBy != "" || after.Granted != nil || after.Finalized {
		t.Fatalf("state after the refused decision = %+v, want pending and undecided", after)
	}
	st := good.MustComplete(t)
	if st.Status != models.StatusRejected || st.DecidedBy != primaryEmail || st.DecisionReason != "asked the wrong site" {
		t.Fatalf("later decision = %+v", st)
	}
	wantSeq(t, "writes", actions(h.f.writes()), []string{"request.submit|pending", "request.reject|rejected"})
	wantSeq(t, "ProcessStatus upserts", h.sa.ProcessStatuses(), []string{"pending", "rejected"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_rejected→requester"})
	if res := h.result(); res.Status != models.StatusRejected {
		t.Fatalf("result = %+v", res)
	}
}

// A refused decision does not stop the clock: with no other decision the
// request is still reminded, escalated and expired on time.
func TestDecisionThatCannotBeRecordedKeepsTheClock(t *testing.T) {
	h := newHarness(t, nominationInput())
	failApprovals(h)
	bad := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	// A refused decision in flight exactly when the reminder is due.
	dueBad := h.decide(testTimers.RemindAfter, approve(primary(), downloadsAndReporting))
	h.run()

	bad.MustFail(t, accessrequest.ErrNotRecorded)
	dueBad.MustFail(t, accessrequest.ErrNotRecorded)
	writes := h.f.writes()
	wantSeq(t, "writes", actions(writes), []string{
		"request.submit|pending", "|pending", "request.escalate|pending", "request.expire|expired",
	})
	if got := writes[3].At.Sub(writes[0].At); got != testTimers.ExpireAfter {
		t.Fatalf("expired at +%v, want +%v", got, testTimers.ExpireAfter)
	}
	if res := h.result(); res.Status != models.StatusExpired || res.Granted != nil || res.DecidedBy != "" {
		t.Fatalf("result = %+v", res)
	}
}

// A withdrawal whose write fails for good is refused the same way.
func TestWithdrawalThatCannotBeRecordedLeavesTheRequestPending(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.Fail = func(c call) error {
		if c.Record.AuditAction == "request.withdraw" {
			return permanent()
		}
		return nil
	}
	wd := h.withdraw(time.Hour, requesterEmail)
	after := h.queryAt(2 * time.Hour)
	dec := h.decide(3*time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	wd.MustFail(t, accessrequest.ErrNotRecorded)
	if after.Status != models.StatusPending || after.Finalized {
		t.Fatalf("state after the refused withdrawal = %+v", after)
	}
	if st := dec.MustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("later decision = %+v", st)
	}
}
