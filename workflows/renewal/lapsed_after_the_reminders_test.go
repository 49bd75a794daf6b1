package renewal_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// Nothing ordered: the renewal contacts are reminded at 60, 30 and 7 days
// (each under its own outbox key), and at the due date the renewal lapses
// with its reason and the lapse notice. The coverage and the quote end by
// themselves: the renewal never touches them.
func TestLapsedAfterTheRemindersAt60_30And7Days(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"scheduled", "verifying", "quoted", "quoted", "quoted", "quoted", "lapsed"})
	wantSeq(t, "written on", days(writes), []string{"-130", "-120", "-90", "-60", "-30", "-7", "+0"})
	notices := h.f.notices()
	wantSeq(t, "notices", templates(notices), []string{
		"renewal_verify_contacts→primary", "renewal_notice→renewal", "renewal_reminder→renewal",
		"renewal_reminder→renewal", "renewal_reminder→renewal", "renewal_lapsed→renewal",
	})
	wantSeq(t, "notice keys", keys(notices), []string{"verification", "quote", "reminder-60d", "reminder-30d", "reminder-7d", "lapse"})
	wantSeq(t, "notices sent on", days(notices), []string{"-120", "-90", "-60", "-30", "-7", "+0"})

	st := h.result()
	wantSeq(t, "reminders sent", st.RemindersSent, []string{"reminder-60d", "reminder-30d", "reminder-7d"})
	if st.Status != models.RenewalLapsed || !strings.Contains(st.ClosedReason, "due date") || st.OrderRef != "" {
		t.Fatalf("result = %+v", st)
	}
	if lapse := notices[len(notices)-1].Notice.State; lapse.Status != models.RenewalLapsed || lapse.QuoteNumber != quoteNumber {
		t.Fatalf("the lapse notice is about %+v", lapse)
	}
	if got := h.searchAttributes(); got[len(got)-1] != "lapsed "+quoteNumber {
		t.Fatalf("search attributes = %q", got)
	}
}
