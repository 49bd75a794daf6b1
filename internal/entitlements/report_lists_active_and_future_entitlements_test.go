package entitlements_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// The Reporting tool's report is the inventory without lapsed coverage:
// what ends today or later, current or starting in the future; period
// narrows it to either.
func TestReportListsActiveAndFutureEntitlements(t *testing.T) {
	f := newFixture(t)
	f.setCoverage(acmeHQ, "E0N7MLL", day(-400), day(-1), 25) // lapsed yesterday
	f.setCoverage(acmeHQ, "E0R50LL", day(-300), day(0), 16)  // current, ends today
	f.setCoverage(acmeHQ, "E0TP9LL", day(1), day(366), 12)   // future: starts tomorrow
	f.setCoverage(acmeHQ, "E0VJ6LL", day(-10), day(355), 1)  // current

	report := entitlements.Filter{NotLapsed: true}
	if got, want := parts(f.inventory(acmeHQ, report)), []string{"E0R50LL", "E0TP9LL", "E0VJ6LL"}; !slices.Equal(got, want) {
		t.Errorf("report: %v, want %v", got, want)
	}
	report.Period = models.PeriodFuture
	future := f.inventory(acmeHQ, report)
	if len(future) != 1 || future[0].PartNumber != "E0TP9LL" || future[0].Period != models.PeriodFuture {
		t.Errorf("future: %+v, want E0TP9LL", future)
	}
	report.Period = models.PeriodCurrent
	if got, want := parts(f.inventory(acmeHQ, report)), []string{"E0R50LL", "E0VJ6LL"}; !slices.Equal(got, want) {
		t.Errorf("current: %v, want %v", got, want)
	}
}
