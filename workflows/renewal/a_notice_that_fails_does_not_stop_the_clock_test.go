package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/renewal"
)

// Notices that cannot be queued (nobody to send the renewal notices to)
// are recorded as failures, each once, and the calendar goes on to the
// lapse at the due date.
func TestANoticeThatFailsDoesNotStopTheClock(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	h.f.Fail = func(c call) error {
		if c.Activity == renewal.ActivityQueueRenewalNotice && c.Notice.Audience == renewal.AudienceRenewal {
			return permanent(policy.ErrNoRecipients)
		}
		return nil
	}
	h.run()

	wantSeq(t, "writes", statuses(h.f.writes()), []string{"scheduled", "verifying", "quoted", "quoted", "quoted", "quoted", "lapsed"})
	st := h.result()
	var failed []string
	for _, f := range st.Failures {
		if f.Type != policy.ErrNoRecipients {
			t.Fatalf("failure %+v", f)
		}
		failed = append(failed, f.Step)
	}
	wantSeq(t, "failed steps", failed, []string{"quote", "reminder-60d", "reminder-30d", "reminder-7d", "lapse"})
	if st.Status != models.RenewalLapsed {
		t.Fatalf("result = %+v", st)
	}
}
