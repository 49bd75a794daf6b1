package accessrequest_test

import (
	"errors"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// A notice with nobody to send it to is a failure the process goes on
// without: recorded in the state (the status query shows it), and the
// decision and its own notice still happen.
func TestNoticeWithoutRecipientsIsRecordedAndTheProcessGoesOn(t *testing.T) {
	h := newHarness(t, supportInput())
	h.f.Fail = func(c call) error {
		if c.Notice.Template == "request_new" {
			return temporal.NewNonRetryableApplicationError("no recipients for approvers", policy.ErrNoRecipients, nil)
		}
		return nil
	}
	pending := h.queryAt(time.Minute)
	dec := h.decide(time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportBasic, Approver: supportAdmin()})
	h.run()

	want := accessrequest.Failure{Step: "notify-approvers", Type: policy.ErrNoRecipients, Message: "no recipients for approvers"}
	if len(pending.Failures) != 1 || pending.Failures[0] != want {
		t.Fatalf("status query failures = %+v, want [%+v]", pending.Failures, want)
	}
	if n := h.f.attempts(func(c call) bool { return c.Notice.Template == "request_new" }); len(n) != 1 {
		t.Fatalf("a non-retryable notice was attempted %d times", len(n))
	}
	dec.MustComplete(t)
	st := h.result()
	if st.Status != models.StatusApproved || len(st.Failures) != 1 || st.Failures[0] != want {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_approved→requester"})
}

// Notices that can never be queued (every attempt fails) are given up
// after their bounded retries; the reminder, the escalation and the expiry
// still happen exactly on time, and each lost notice is in the result.
func TestFailingNoticesNeverStopTheClock(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.Fail = func(c call) error {
		if c.Activity == accessrequest.ActivityQueueNotice {
			return errors.New("outbox unavailable")
		}
		return nil
	}
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", actions(writes), []string{
		"request.submit|pending", "|pending", "request.escalate|pending", "request.expire|expired",
	})
	for i, want := range []time.Duration{0, testTimers.RemindAfter, testTimers.EscalateAfter, testTimers.ExpireAfter} {
		if got := writes[i].At.Sub(writes[0].At); got != want {
			t.Errorf("write %d at +%v, want +%v: a notice delayed the clock", i, got, want)
		}
	}
	for _, tpl := range []string{"request_new", "request_reminder", "request_escalated", "request_expired"} {
		if n := h.f.attempts(func(c call) bool { return c.Notice.Template == tpl }); len(n) != policy.NoticeAttempts {
			t.Errorf("%s attempted %d times, want the bound %d", tpl, len(n), policy.NoticeAttempts)
		}
	}
	st := h.result()
	if st.Status != models.StatusExpired {
		t.Fatalf("result = %+v", st)
	}
	var steps []string
	for _, f := range st.Failures {
		steps = append(steps, f.Step)
	}
	wantSeq(t, "failures", steps, []string{"notify-approvers", "remind-approvers", "escalate-secondaries", "notify-requester-expired"})
}

// The timers start with the first notice in flight, not after it: a first
// notice that retries for longer than the reminder delay (and is finally
// given up) does not move the reminder.
func TestNoticesDoNotDelayTheTimers(t *testing.T) {
	in := nominationInput()
	in.Timers = accessrequest.Timers{RemindAfter: time.Minute, EscalateAfter: 10 * time.Minute, ExpireAfter: 20 * time.Minute}
	h := newHarness(t, in)
	h.f.Fail = func(c call) error {
		if c.Notice.Template == "request_new" {
			return errors.New("outbox busy")
		}
		return nil
	}
	h.run()

	attempts := h.f.attempts(func(c call) bool { return c.Notice.Template == "request_new" })
	writes := h.f.writes()
	if last := attempts[len(attempts)-1].At.Sub(writes[0].At); last <= in.Timers.RemindAfter {
		t.Fatalf("the first notice's last attempt came at +%v; the test needs it after the reminder (+%v)", last, in.Timers.RemindAfter)
	}
	if got := writes[1].At.Sub(writes[0].At); !writes[1].Record.State.Reminded || got != in.Timers.RemindAfter {
		t.Fatalf("reminder written at +%v (%v), want exactly +%v", got, actions(writes), in.Timers.RemindAfter)
	}
	st := h.result()
	if st.Status != models.StatusExpired || len(st.Failures) != 1 || st.Failures[0].Step != "notify-approvers" {
		t.Fatalf("result = %+v", st)
	}
}
