package renewals_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
)

// TestDemoCalendarFitsInTheDueTime (issue 11 item 6): the demo's offsets,
// scaled from the due time, are a calendar the renewal process accepts
// (the verification not after the quote, every reminder after the quote
// and before the due date, each reminder step named once) and, started
// now, every step is still ahead: verification, quote, three reminders,
// lapse, in that order, the verification a tenth of the way in.
func TestDemoCalendarFitsInTheDueTime(t *testing.T) {
	now := time.Date(2026, 11, 30, 23, 55, 0, 0, time.UTC)
	for _, due := range []time.Duration{renewals.MinDemoDue, 10 * time.Minute, 90 * time.Minute, 7 * 24 * time.Hour, renewals.MaxDemoDue} {
		o := renewals.DemoOffsets(due)
		if o.Quote <= 0 || o.Verification < o.Quote || o.Verification >= due {
			t.Errorf("due %s: verification %s, quote %s", due, o.Verification, o.Quote)
		}
		seen := map[string]bool{}
		for _, r := range o.Reminders {
			if r <= 0 || r >= o.Quote || seen[models.ReminderStep(r)] || r%time.Second != 0 {
				t.Errorf("due %s: reminder %s (quote %s, seen %v)", due, r, o.Quote, seen)
			}
			seen[models.ReminderStep(r)] = true
		}
		dueAt := now.Add(due)
		ahead, skipped := models.RenewalCalendar(dueAt, o, now)
		if len(skipped) != 0 || len(ahead) != 6 || ahead[0].Name != models.StepVerification || ahead[1].Name != models.StepQuote ||
			ahead[5].Name != models.StepLapse || !ahead[5].At.Equal(dueAt) {
			t.Errorf("due %s: ahead %v, skipped %v", due, ahead, skipped)
			continue
		}
		if first := ahead[0].At.Sub(now); first < due/10-time.Second || first > due/10+time.Second {
			t.Errorf("due %s: the verification comes after %s, want about %s", due, first, due/10)
		}
	}
	if got := renewals.DemoOffsets(10 * time.Minute); got.Verification != 9*time.Minute || got.Quote != 450*time.Second ||
		len(got.Reminders) != 3 || got.Reminders[0] != 5*time.Minute || got.Reminders[1] != 150*time.Second || got.Reminders[2] != time.Minute {
		t.Errorf("DemoOffsets(10m) = %+v", got)
	}
}
