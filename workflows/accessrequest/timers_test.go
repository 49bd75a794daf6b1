package accessrequest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Undecided, the request is reminded at 72h, escalated at 168h and expires
// at 336h, each on time, each recorded and notified.
func TestUndecidedRequestIsRemindedEscalatedAndExpires(t *testing.T) {
	h := newHarness(t, nominationInput())
	at80 := h.queryAt(80 * time.Hour)
	at170 := h.queryAt(170 * time.Hour)
	h.run()

	writes := h.f.writes()
	t0 := writes[0].At
	wantSeq(t, "writes", actions(writes), []string{
		"request.submit|pending",
		"|pending", // reminder: state only, no audit row
		"request.escalate|pending",
		"request.expire|expired",
	})
	for i, want := range []time.Duration{0, testTimers.RemindAfter, testTimers.EscalateAfter, testTimers.ExpireAfter} {
		if got := writes[i].At.Sub(t0); got != want {
			t.Errorf("write %d at +%v, want +%v", i, got, want)
		}
	}
	if r := writes[1].Record.State; !r.Reminded || r.Escalated {
		t.Fatalf("reminder write state = %+v", r)
	}
	if r := writes[2].Record.State; !r.Reminded || !r.Escalated {
		t.Fatalf("escalation write state = %+v", r)
	}
	if r := writes[3].Record; r.Actor != "system" || !r.State.Finalized {
		t.Fatalf("expiry write = %+v", r)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"request_new→approvers",
		"request_reminder→approvers",
		"request_escalated→secondaries",
		"request_expired→requester",
	})
	wantAt := map[string]time.Duration{
		"request_new": 0, "request_reminder": testTimers.RemindAfter,
		"request_escalated": testTimers.EscalateAfter, "request_expired": testTimers.ExpireAfter,
	}
	for _, n := range h.f.notices() {
		if got, want := n.At.Sub(t0), wantAt[n.Notice.Template]; got != want {
			t.Errorf("%s sent at +%v, want +%v", n.Notice.Template, got, want)
		}
	}
	if len(h.f.approvals()) != 0 {
		t.Fatal("ApproveRequest called on expiry")
	}
	if !at80.Reminded || at80.Escalated || at80.Status != models.StatusPending {
		t.Fatalf("query at 80h = %+v", at80)
	}
	if !at170.Escalated || at170.Status != models.StatusPending {
		t.Fatalf("query at 170h = %+v", at170)
	}
	st := h.result()
	if st.Status != models.StatusExpired || !st.Finalized || !st.Reminded || !st.Escalated || st.Granted != nil {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "ProcessStatus upserts", h.sa.ProcessStatuses(), []string{"pending", "pending", "pending", "expired"})
}

// A decision after expiry is refused, naming the status.
func TestDecisionAfterExpiryIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	// Keep the workflow open after it expired: the expiry's write fails once
	// and waits to retry; the decision arrives in that window.
	h.f.failOnce(func(c call) bool { return c.Record.AuditAction == "request.expire" })
	late := h.decide(testTimers.ExpireAfter+inRetryBackoff, approve(primary(), downloadsAndReporting))
	lateWithdraw := h.withdraw(testTimers.ExpireAfter+inRetryBackoff, requesterEmail)
	h.run()

	late.MustRefuse(t, accessrequest.ErrAlreadyDecided)
	lateWithdraw.MustRefuse(t, accessrequest.ErrAlreadyDecided)
	if !strings.Contains(late.RejectErr.Error(), "already expired") {
		t.Fatalf("refusal should name the status being recorded: %v", late.RejectErr)
	}
	if len(h.f.approvals()) != 0 {
		t.Fatal("ApproveRequest called after expiry")
	}
	if st := h.result(); st.Status != models.StatusExpired {
		t.Fatalf("result = %+v", st)
	}
}

// A decision between reminder and escalation stops the clock there.
func TestDecisionBetweenReminderAndEscalation(t *testing.T) {
	h := newHarness(t, nominationInput())
	dec := h.decide(100*time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	st := dec.MustComplete(t)
	if st.Status != models.StatusApproved || !st.Reminded || st.Escalated {
		t.Fatalf("update state = %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"request_new→approvers", "request_reminder→approvers", "request_approved→requester",
	})
	wantSeq(t, "writes", actions(h.f.writes()), []string{
		"request.submit|pending", "|pending", "request.approve|approved",
	})
	if at := h.noticeWith("request_approved")[0].At.Sub(h.f.writes()[0].At); at != 100*time.Hour {
		t.Fatalf("approval notice at +%v", at)
	}
	if res := h.result(); res.Status != models.StatusApproved || res.Escalated {
		t.Fatalf("result = %+v", res)
	}
}
