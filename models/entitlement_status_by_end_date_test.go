package models_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// An entitlement's status follows its coverage's last day: lapsed once it
// is past, expiring from today up to 90 days ahead (both included),
// active beyond. The time of day of either date does not count.
func TestEntitlementStatusByEndDate(t *testing.T) {
	today := time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC)
	day := func(n int) time.Time { return time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n) }
	cases := []struct {
		end  time.Time
		want models.EntitlementStatus
		why  string
	}{
		{day(-400), models.EntitlementLapsed, "ended last year"},
		{day(-1), models.EntitlementLapsed, "ended yesterday"},
		{day(0), models.EntitlementExpiring, "ends today: still covered today"},
		{day(0).Add(23 * time.Hour), models.EntitlementExpiring, "ends today, late in the day"},
		{day(1), models.EntitlementExpiring, "ends tomorrow"},
		{day(models.ExpiringWithinDays), models.EntitlementExpiring, "ends in exactly 90 days"},
		{day(models.ExpiringWithinDays + 1), models.EntitlementActive, "ends in 91 days"},
		{day(365), models.EntitlementActive, "ends in a year"},
	}
	for _, c := range cases {
		if got := models.EntitlementStatusOn(c.end, today); got != c.want {
			t.Errorf("%s (%s): status %q, want %q", c.why, c.end.Format(time.DateOnly), got, c.want)
		}
	}
	if models.ExpiringWithinDays != 90 {
		t.Errorf("ExpiringWithinDays = %d, the documented rule is 90", models.ExpiringWithinDays)
	}
}
