package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A write of an earlier state after a final one (a reset or replayed
// workflow) never reopens the quote; an answered change request is never
// set back to pending.
func TestRecordQuoteNeverReopensAFinalQuote(t *testing.T) {
	f := newFixture(t)
	in := f.quoteInput(t, "Q-2026-000102")
	now := time.Now().UTC()
	v1 := version(t, 1, now, in.Lines, 10_000)
	pending := quote.Change{Seq: 1, OnVersion: 1, By: quote.Person{ID: f.userID(t, bob), Email: bob},
		Changes: []models.LineChange{{PartNumber: "D0R4ZLL", Quantity: 2}}, Note: "fewer", At: now, Status: models.ChangePending}
	open := quote.State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteChangeRequested, Version: 1,
		Versions: []quote.Version{v1}, ValidUntil: v1.ValidUntil, Changes: []quote.Change{pending}}
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: open})

	closed := open
	closed.Status, closed.ClosedBy = models.QuoteCancelled, bob
	c := pending
	c.Status = models.ChangeClosed
	closed.Changes = []quote.Change{c}
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: closed})
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: open}) // late

	if got := f.quoteStatus(t, in.QuoteNumber); got.Status != "cancelled" {
		t.Fatalf("quote = %+v, want cancelled", got)
	}
	if n := f.count(t, "SELECT count(*) FROM quote_change_requests WHERE status = 'closed'"); n != 1 {
		t.Fatalf("the closed change request was reopened")
	}
}
