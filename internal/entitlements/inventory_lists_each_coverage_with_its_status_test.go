package entitlements_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// The inventory of a site is each product it holds coverage of, by part
// number: its licences, its period and the status the end date gives it
// (lapsed, expiring within 90 days, active), nothing deployed yet, and
// no order for seeded coverage.
func TestInventoryListsEachCoverageWithItsStatus(t *testing.T) {
	f := newFixture(t)
	f.setCoverage(acmeHQ, "E0N7MLL", day(-400), day(-35), 25) // lapsed
	f.setCoverage(acmeHQ, "E0R50LL", day(-300), day(0), 16)   // expiring: ends today
	f.setCoverage(acmeHQ, "E0TP9LL", day(-275), day(90), 12)  // expiring: the 90th day
	f.setCoverage(acmeHQ, "E0VJ6LL", day(-274), day(91), 1)   // active

	got := f.inventory(acmeHQ, entitlementsAll)
	if want := []string{"E0N7MLL", "E0R50LL", "E0TP9LL", "E0VJ6LL"}; !slices.Equal(parts(got), want) {
		t.Fatalf("inventory of %s: %v, want %v", acmeHQ, parts(got), want)
	}
	want := []struct {
		status     models.EntitlementStatus
		qty        int64
		start, end time.Time
	}{
		{models.EntitlementLapsed, 25, day(-400), day(-35)},
		{models.EntitlementExpiring, 16, day(-300), day(0)},
		{models.EntitlementExpiring, 12, day(-275), day(90)},
		{models.EntitlementActive, 1, day(-274), day(91)},
	}
	for i, e := range got {
		w := want[i]
		if e.Status != w.status || e.Quantity != w.qty || e.Start != w.start.Format(time.DateOnly) || e.End != w.end.Format(time.DateOnly) {
			t.Errorf("%s: status %s qty %d %s..%s, want %s %d %s..%s", e.PartNumber, e.Status, e.Quantity, e.Start, e.End,
				w.status, w.qty, w.start.Format(time.DateOnly), w.end.Format(time.DateOnly))
		}
		if e.Deployed != 0 || e.Available != e.Quantity || e.OverDeployed || e.Deployments != 0 {
			t.Errorf("%s: deployed %d available %d over %v records %d, want nothing deployed", e.PartNumber, e.Deployed, e.Available, e.OverDeployed, e.Deployments)
		}
		if e.OrderReference != nil || e.PoENumber != nil {
			t.Errorf("%s: seeded coverage names order %v, PoE %v", e.PartNumber, e.OrderReference, e.PoENumber)
		}
		if e.Period != models.PeriodCurrent {
			t.Errorf("%s: period %s, want current", e.PartNumber, e.Period)
		}
	}
	if got[1].Product != "IBM Db2 Advanced Edition Virtual Processor Core" || got[1].LicenseType != models.SSRenewal || got[1].Category != "Data & AI" {
		t.Errorf("E0R50LL: product %q, licence type %q, category %q", got[1].Product, got[1].LicenseType, got[1].Category)
	}
}
