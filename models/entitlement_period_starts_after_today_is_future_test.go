package models_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// A coverage period on record is "future" when it starts after today (a
// renewal ordered ahead of its due date), "current" from its first day.
func TestEntitlementPeriodStartingAfterTodayIsFuture(t *testing.T) {
	today := time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)
	cases := []struct {
		start time.Time
		want  models.EntitlementPeriod
	}{
		{time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), models.PeriodCurrent},
		{time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), models.PeriodCurrent},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), models.PeriodFuture},
		{time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC), models.PeriodFuture},
	}
	for _, c := range cases {
		if got := models.PeriodOn(c.start, today); got != c.want {
			t.Errorf("start %s: %q, want %q", c.start.Format(time.DateOnly), got, c.want)
		}
	}
}
