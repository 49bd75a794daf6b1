package entitlements_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// Order fulfilment records on the coverage the period the line bought and
// the order; the inventory then names the order and its Proof of
// Entitlement. New licences of a product the site covers add to its
// quantity, covered from the order's day to the coverage's end.
func TestInventoryShowsTheOrderAndPoEOfFulfilledCoverage(t *testing.T) {
	f := newFixture(t)
	before := f.get(acmeHQ, "E0R50LL") // Db2 S&S, 16 licences
	ref := f.paidOrder(acmeHQ, "D0R4ZLL", 3)
	poe := f.fulfil(ref)

	e := f.get(acmeHQ, "E0R50LL")
	if e.OrderReference == nil || *e.OrderReference != ref {
		t.Errorf("order of E0R50LL: %v, want %s", e.OrderReference, ref)
	}
	if e.PoENumber == nil || *e.PoENumber != poe || e.DocumentID == nil {
		t.Errorf("PoE of E0R50LL: %v (document %v), want %s", e.PoENumber, e.DocumentID, poe)
	}
	if e.Quantity != before.Quantity+3 {
		t.Errorf("quantity %d, want %d + 3", e.Quantity, before.Quantity)
	}
	if e.Start != today.Format(time.DateOnly) || e.End != before.End {
		t.Errorf("period %s..%s, want %s..%s (from the order's day, co-termed)", e.Start, e.End, today.Format(time.DateOnly), before.End)
	}
	if e.Status == models.EntitlementLapsed || e.Period != models.PeriodCurrent {
		t.Errorf("status %s period %s", e.Status, e.Period)
	}
	// The coverage row itself, as written by the activity.
	if n := f.count(`SELECT count(*) FROM coverages c JOIN orders o ON o.id = c.order_id WHERE o.reference = ? AND c.start_date = ?`,
		ref, today.Format(time.DateOnly)); n != 1 {
		t.Errorf("%d coverage rows name order %s from today, want 1", n, ref)
	}
	// The other entitlements still come from no order.
	for _, other := range f.inventory(acmeHQ, entitlementsAll) {
		if other.PartNumber != "E0R50LL" && other.OrderReference != nil {
			t.Errorf("%s names order %s", other.PartNumber, *other.OrderReference)
		}
	}
}

// A renewal ordered before its due date buys the period that starts where
// the current one ends: the coverage records that period, which is
// "future" until it starts, while the entitlement stays active.
func TestARenewalOrderedEarlyIsAFuturePeriod(t *testing.T) {
	f := newFixture(t)
	f.setCoverage(acmeHQ, "E0TP9LL", day(-300), day(60), 12)
	ref := f.paidOrder(acmeHQ, "E0TP9LL", 12)
	poe := f.fulfil(ref)

	e := f.get(acmeHQ, "E0TP9LL")
	if e.Start != day(60).Format(time.DateOnly) || e.End <= e.Start {
		t.Errorf("period %s..%s, want from %s on", e.Start, e.End, day(60).Format(time.DateOnly))
	}
	if e.Period != models.PeriodFuture || e.Status != models.EntitlementActive {
		t.Errorf("period %s status %s, want future and active", e.Period, e.Status)
	}
	if e.PoENumber == nil || *e.PoENumber != poe {
		t.Errorf("PoE %v, want %s", e.PoENumber, poe)
	}
}
