package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// A renewal discovered late, 40 days before the due date, records the
// steps whose time has passed as skipped (the verification, the 60-day
// reminder), issues the renewal quote at once, and runs what is still
// ahead: the 30- and 7-day reminders, the lapse.
func TestStartedLateAtDayMinus40(t *testing.T) {
	h := newHarness(t, renewalInput(), before(40*day)).mockQuote()
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"scheduled", "quoted", "quoted", "quoted", "lapsed"})
	wantSeq(t, "written on", days(writes), []string{"-40", "-40", "-30", "-7", "+0"})
	wantSeq(t, "skipped in the first write", writes[0].Record.State.Skipped, []string{"verification", "reminder-60d"})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"quote", "reminder-30d", "reminder-7d", "lapse"})
	if kids := h.f.started(); len(kids) != 1 || !kids[0].At.Equal(before(40*day)) {
		t.Fatalf("renewal quotes started: %+v", kids)
	}
	st := h.result()
	wantSeq(t, "skipped", st.Skipped, []string{"verification", "reminder-60d"})
	wantSeq(t, "reminders sent", st.RemindersSent, []string{"reminder-30d", "reminder-7d"})
	if st.Status != models.RenewalLapsed {
		t.Fatalf("result = %+v", st)
	}
}
