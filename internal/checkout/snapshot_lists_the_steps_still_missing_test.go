package checkout_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/models"
)

// TestSnapshotListsTheStepsStillMissing (G1, G2): the order process's
// Snapshot names what remains, in order (details, terms, payment) until
// nothing does, and then carries everything the order needs: lines,
// total, both parties, who accepted which terms when and from where, the
// card on file. It counts as missing again what no longer holds: terms
// once a newer version is published, a card past its expiry, a quote
// revised since the checkout started.
func TestSnapshotListsTheStepsStillMissing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.add("D0R4ZLL", 1)
	quoteID, number := f.openQuote(1, quoteLine{"E0MQ2LL", 10, 4000, 0})
	f.addQuote(number)
	id := f.start()
	missing := func(want ...string) models.CheckoutSnapshot {
		t.Helper()
		snap, got, err := f.svc.Snapshot(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("missing = %v, want %v", got, want)
		}
		return snap
	}
	missing(models.StepDetails, models.StepTerms, models.StepPayment)
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, us(), nil); err != nil {
		t.Fatal(err)
	}
	missing(models.StepTerms, models.StepPayment)
	if err := f.svc.AcceptTerms(ctx, f.actor, f.owner, id, "2026-01", models.TermsAgreement, "203.0.113.7"); err != nil {
		t.Fatal(err)
	}
	missing(models.StepPayment)
	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, visa(f.now)); err != nil {
		t.Fatal(err)
	}
	snap := missing()
	if snap.ID != id || snap.SiteID != f.owner.SiteID || snap.UserID != f.owner.UserID || len(snap.Lines) != 2 ||
		snap.Total.Minor != snap.Lines[0].LineTotal.Minor+snap.Lines[1].LineTotal.Minor || snap.Billing != us() || snap.Shipping != us() ||
		snap.Terms.Version != "2026-01" || snap.Terms.AcceptedBy != alice || snap.Terms.ClientIP != "203.0.113.7" ||
		!snap.Terms.AcceptedAt.Equal(f.now.Truncate(time.Microsecond)) ||
		snap.Payment.Method != models.PayCard || *snap.Payment.Card != *visa(f.now).Card {
		t.Errorf("snapshot = %+v", snap)
	}

	// A newer version of the terms: accepted again or missing.
	f.db.Exec(`INSERT INTO terms (version, text, published_at) VALUES ('2026-07', 'newer terms', ?)`, f.now.Add(-time.Minute))
	missing(models.StepTerms)
	if err := f.svc.AcceptTerms(ctx, f.actor, f.owner, id, "2026-01", models.TermsAgreement, ""); err == nil {
		t.Error("accepting a version that is no longer current passed")
	}
	if err := f.svc.AcceptTerms(ctx, f.actor, f.owner, id, "2026-07", models.TermsAgreement, ""); err != nil {
		t.Fatal(err)
	}
	missing()

	// The card expires while the checkout waits (and the quote's week is
	// long over by then too).
	later := f.now
	f.now = time.Date(f.now.Year()+3, 1, 1, 0, 0, 0, 0, time.UTC)
	missing(models.StepPayment, models.StepQuotes)
	f.now = later

	// The quote is revised after the checkout started.
	f.version(quoteID, 2, quoteLine{"E0MQ2LL", 8, 4000, 0})
	missing(models.StepQuotes)

	if _, _, err := f.svc.Snapshot(ctx, id+1000); !errors.Is(err, checkout.ErrNotFound) {
		t.Errorf("Snapshot of no checkout = %v, want ErrNotFound", err)
	}
}
