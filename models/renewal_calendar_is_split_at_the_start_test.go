package models_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// The renewal calendar (SPEC F2) from the default offsets, split at the
// moment the renewal starts: on time everything is ahead; a late start
// skips the verification and the reminders already past but still issues
// the quote at once; after the due date only the lapse is left. An
// Express site's due date (the end of a month) gets the same offsets.
func TestRenewalCalendarIsSplitAtTheStart(t *testing.T) {
	day := 24 * time.Hour
	due := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	express := time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC)
	o := models.DefaultRenewalOffsets()
	names := func(steps []models.CalendarStep) []string {
		out := []string{}
		for _, s := range steps {
			out = append(out, s.Name)
		}
		return out
	}
	for _, tc := range []struct {
		name          string
		due, now      time.Time
		ahead, skiped []string
		quoteAt       time.Time
	}{
		{"on time", due, due.Add(-130 * day),
			[]string{"verification", "quote", "reminder-60d", "reminder-30d", "reminder-7d", "lapse"}, []string{}, due.Add(-90 * day)},
		{"at the verification", due, due.Add(-120 * day),
			[]string{"verification", "quote", "reminder-60d", "reminder-30d", "reminder-7d", "lapse"}, []string{}, due.Add(-90 * day)},
		{"late at -40", due, due.Add(-40 * day),
			[]string{"quote", "reminder-30d", "reminder-7d", "lapse"}, []string{"verification", "reminder-60d"}, due.Add(-40 * day)},
		{"late at -3", due, due.Add(-3 * day),
			[]string{"quote", "lapse"}, []string{"verification", "reminder-60d", "reminder-30d", "reminder-7d"}, due.Add(-3 * day)},
		{"after the due date", due, due.Add(day),
			[]string{"lapse"}, []string{"verification", "quote", "reminder-60d", "reminder-30d", "reminder-7d"}, time.Time{}},
		{"express, on time", express, express.Add(-121 * day),
			[]string{"verification", "quote", "reminder-60d", "reminder-30d", "reminder-7d", "lapse"}, []string{}, express.Add(-90 * day)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ahead, skipped := models.RenewalCalendar(tc.due, o, tc.now)
			if got := names(ahead); !slices.Equal(got, tc.ahead) {
				t.Errorf("ahead %q, want %q", got, tc.ahead)
			}
			if got := names(skipped); !slices.Equal(got, tc.skiped) {
				t.Errorf("skipped %q, want %q", got, tc.skiped)
			}
			for i, s := range ahead {
				if i > 0 && s.At.Before(ahead[i-1].At) {
					t.Errorf("step %s at %v before %s", s.Name, s.At, ahead[i-1].Name)
				}
				if s.Name == models.StepQuote && !s.At.Equal(tc.quoteAt) {
					t.Errorf("quote at %v, want %v", s.At, tc.quoteAt)
				}
				if s.Name == models.StepLapse && !s.At.Equal(tc.due) {
					t.Errorf("lapse at %v, want the due date", s.At)
				}
			}
		})
	}
}

// Reminder steps are named by their offset: whole days as "reminder-60d",
// development offsets as a duration.
func TestReminderStepsAreNamedByTheirOffset(t *testing.T) {
	for d, want := range map[time.Duration]string{
		60 * 24 * time.Hour: "reminder-60d", 7 * 24 * time.Hour: "reminder-7d", 90 * time.Second: "reminder-1m30s",
	} {
		if got := models.ReminderStep(d); got != want {
			t.Errorf("ReminderStep(%s) = %q, want %q", d, got, want)
		}
	}
}
