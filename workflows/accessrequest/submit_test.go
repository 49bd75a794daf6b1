package accessrequest_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// The submit update (sent with the start, as update-with-start does)
// answers only once the workflow's first write has committed, even when
// that write needed a retry, with the pending state.
func TestSubmitAnswersOnceTheFirstRowIsRecorded(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool { return c.Record.AuditAction == "request.submit" })
	sub := h.submit(0)
	var writesAtAnswer []call
	sub.OnComplete = func() { writesAtAnswer = h.f.writes() }
	dec := h.decide(time.Hour, reject(primary(), "no"))
	h.run()

	st := sub.MustComplete(t)
	if st.Status != models.StatusPending || st.RequestID != h.in.RequestID || st.Finalized {
		t.Fatalf("submit answered %+v, want the pending request", st)
	}
	if len(writesAtAnswer) != 1 || writesAtAnswer[0].Record.AuditAction != "request.submit" ||
		writesAtAnswer[0].Record.State.Status != models.StatusPending || writesAtAnswer[0].Record.Actor != requesterEmail {
		t.Fatalf("writes when submit answered = %v, want the committed submit write", actions(writesAtAnswer))
	}
	if n := len(h.f.attempts(func(c call) bool { return c.Record.AuditAction == "request.submit" })); n != 2 {
		t.Fatalf("submit write attempts = %d, want 2 (one failed, one committed)", n)
	}
	dec.MustComplete(t)
	if res := h.result(); res.Status != models.StatusRejected {
		t.Fatalf("result = %+v", res)
	}
}

// A second submit is refused by the validator, whether it comes at once
// or later.
func TestSecondSubmitIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	first := h.submit(0)
	again := h.submit(0)
	later := h.submit(time.Hour)
	h.decide(2*time.Hour, reject(primary(), "no"))
	h.run()

	first.MustComplete(t)
	again.MustRefuse(t, accessrequest.ErrAlreadySubmitted)
	later.MustRefuse(t, accessrequest.ErrAlreadySubmitted)
	if n := len(h.f.attempts(func(c call) bool { return c.Record.AuditAction == "request.submit" })); n != 1 {
		t.Fatalf("submit writes = %d, want 1", n)
	}
}

// A first write the database refuses for good (e.g. a text PostgreSQL
// cannot store) answers the submit with ErrNotRecorded and ends the
// workflow with it, after the submit handler has finished; nothing is
// notified.
func TestSubmitThatCannotBeRecordedFailsTheWorkflow(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.Fail = func(c call) error {
		if c.Record.AuditAction == "request.submit" {
			return permanent()
		}
		return nil
	}
	sub := h.submit(0)
	h.run()

	sub.MustFail(t, accessrequest.ErrNotRecorded)
	if got := policy.ErrorType(h.env.GetWorkflowError()); got != accessrequest.ErrNotRecorded {
		t.Fatalf("workflow error type = %q (%v), want %q", got, h.env.GetWorkflowError(), accessrequest.ErrNotRecorded)
	}
	if calls := h.f.All(); len(calls) != 1 {
		t.Fatalf("calls after a refused submission = %v, want the one refused write", sequence(calls))
	}
}
