package renewal_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// A run continued as new (Input.Carried, Input.Resume) resumes where the
// last one stopped: no new first row, no second quote or notice, the
// 60-day reminder not sent again, the steps from the resume point on (the
// 30- and 7-day reminders, the lapse) at their times; the failures and
// the verification carried along.
func TestAContinuedRunResumesItsState(t *testing.T) {
	in := renewalInput()
	verifiedAt := before(110 * day)
	in.Carried = &renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: quoteNumber,
		Verified: true, VerifiedBy: alice.Email, VerifiedAt: &verifiedAt, RemindersSent: []string{"reminder-60d"},
		Failures: []renewal.Failure{{Step: "reminder-60d", Message: "kept across runs"}}}
	in.Resume = before(45 * day)
	h := newHarness(t, in, before(45*day).Add(time.Minute)).mockQuote()
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"quoted", "quoted", "lapsed"})
	wantSeq(t, "written on", days(writes), []string{"-30", "-7", "+0"})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"reminder-30d", "reminder-7d", "lapse"})
	if n := len(h.f.prepares()) + len(h.f.started()); n != 0 {
		t.Fatalf("the continued run prepared or started %d quotes", n)
	}
	st := h.result()
	wantSeq(t, "reminders sent", st.RemindersSent, []string{"reminder-60d", "reminder-30d", "reminder-7d"})
	if st.Status != models.RenewalLapsed || !st.Verified || len(st.Failures) != 1 || writes[0].Record.Input.Carried != nil {
		t.Fatalf("result = %+v", st)
	}
}

// A step whose time came between the moment the last run stopped and the
// start of the next one is not lost: it runs at once.
func TestAContinuedRunCatchesUpAStepDueWhileItContinued(t *testing.T) {
	in := renewalInput()
	in.Carried = &renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: quoteNumber,
		RemindersSent: []string{"reminder-60d"}}
	in.Resume = before(30 * day).Add(-time.Second)
	h := newHarness(t, in, before(30*day).Add(time.Second)).mockQuote()
	h.run()

	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"reminder-30d", "reminder-7d", "lapse"})
	if at := h.f.notices()[0].At; !at.Equal(before(30 * day).Add(time.Second)) {
		t.Fatalf("the 30-day reminder went out at %v", at)
	}
}
