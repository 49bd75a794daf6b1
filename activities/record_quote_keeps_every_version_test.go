package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// RecordQuote writes the quote as its workflow moves: the first row with
// the lines asked for, version 1 with its priced lines, a change request,
// version 2 answering it. Versions are written once and kept; writing the
// same state again changes nothing.
func TestRecordQuoteKeepsEveryVersion(t *testing.T) {
	f := newFixture(t)
	in := f.quoteInput(t, "Q-2026-000101")
	now := time.Now().UTC().Truncate(time.Second)
	st := quote.State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteRequested}
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: st})
	if got := f.quoteStatus(t, in.QuoteNumber); got.Status != "requested" || got.CurrentVersion != 0 {
		t.Fatalf("first row = %+v", got)
	}
	if n := f.count(t, "SELECT count(*) FROM quote_request_lines"); n != 2 {
		t.Fatalf("%d request lines, want 2", n)
	}

	v1 := version(t, 1, now, in.Lines, 10_000)
	st.Status, st.Version, st.Versions, st.ValidUntil = models.QuoteOpen, 1, []quote.Version{v1}, v1.ValidUntil
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: st})

	change := quote.Change{Seq: 1, OnVersion: 1, By: quote.Person{ID: f.userID(t, dave), Email: dave},
		Changes: []models.LineChange{{PartNumber: "E0MQ2LL", Remove: true}}, Note: "no MQ", At: now, Status: models.ChangePending}
	st.Status, st.Changes = models.QuoteChangeRequested, []quote.Change{change}
	f.mustRun(t, quote.ActivityRecordQuote, quote.Record{Input: in, State: st})
	if n := f.count(t, "SELECT count(*) FROM quote_change_requests WHERE status = 'pending' AND requested_by = ?", dave); n != 1 {
		t.Fatalf("%d pending change requests by dave", n)
	}

	v2 := version(t, 2, now.Add(time.Hour), in.Lines[:1], 9_000)
	v2.ChangeRequest = 1
	change.Status, change.RevisedVersion, change.AnsweredBy, change.AnsweredAt = models.ChangeRevised, 2, salesRep, now.Add(time.Hour)
	st.Status, st.Version, st.Versions, st.Changes, st.ValidUntil = models.QuoteOpen, 2, []quote.Version{v1, v2}, []quote.Change{change}, v2.ValidUntil
	rec := quote.Record{Input: in, State: st}
	f.mustRun(t, quote.ActivityRecordQuote, rec)
	f.mustRun(t, quote.ActivityRecordQuote, rec) // a retry

	if got := f.quoteStatus(t, in.QuoteNumber); got.Status != "open" || got.CurrentVersion != 2 {
		t.Fatalf("quote = %+v", got)
	}
	var lines []models.QuoteLine
	if err := f.db.Order("version, line_no").Find(&lines).Error; err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || lines[0].LineTotalMinor != 40_000 || lines[1].LineTotalMinor != 1_000_000 || lines[2].Version != 2 || lines[2].LineTotalMinor != 36_000 {
		t.Fatalf("lines = %+v", lines)
	}
	var totals []int64
	f.scan(t, &totals, "SELECT total_minor FROM quote_versions ORDER BY version")
	if len(totals) != 2 || totals[0] != 1_040_000 || totals[1] != 36_000 {
		t.Fatalf("version totals = %v", totals)
	}
	var cr models.QuoteChangeRequest
	if err := f.db.Take(&cr).Error; err != nil {
		t.Fatal(err)
	}
	if cr.Status != models.ChangeRevised || cr.RevisedVersion == nil || *cr.RevisedVersion != 2 || cr.AnsweredBy != salesRep {
		t.Fatalf("change request = %+v", cr)
	}
	if n := f.count(t, "SELECT count(*) FROM quote_request_lines"); n != 2 {
		t.Fatalf("%d request lines after the retries, want 2", n)
	}
}
