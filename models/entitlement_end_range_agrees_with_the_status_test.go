package models_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// The range of end dates a status filter queries is the status rule
// itself: for every end date from 200 days back to 200 ahead, the date is
// in the range of exactly the status EntitlementStatusOn gives it. An
// unknown status matches nothing.
func TestEntitlementEndRangeAgreesWithTheStatus(t *testing.T) {
	today := time.Date(2028, 2, 29, 9, 0, 0, 0, time.UTC) // a leap day
	for n := -200; n <= 200; n++ {
		end := models.Day(today).AddDate(0, 0, n)
		want := models.EntitlementStatusOn(end, today)
		for _, s := range models.EntitlementStatuses {
			if in := s.EndRange(today).Contains(end); in != (s == want) {
				t.Errorf("end %s (today+%d): in %s's range = %v, but its status is %s", end.Format(time.DateOnly), n, s, in, want)
			}
		}
		if models.EntitlementStatus("pending").EndRange(today).Contains(end) {
			t.Errorf("end %s is in the range of an unknown status", end.Format(time.DateOnly))
		}
	}
	for _, s := range []string{"active", "expiring", "lapsed"} {
		if !models.EntitlementStatus(s).Valid() {
			t.Errorf("%q is not valid", s)
		}
	}
	if models.EntitlementStatus("Active").Valid() || models.EntitlementStatus("").Valid() {
		t.Error("a status other than the three is valid")
	}
}
