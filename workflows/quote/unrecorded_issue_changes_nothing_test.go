package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// An issue whose write PostgreSQL refuses for good answers NotRecorded and
// changes nothing: the quote still awaits the rep, who issues again.
func TestAnIssueTheDatabaseRefusesChangesNothing(t *testing.T) {
	h := newHarness(t, salesInput())
	h.f.Fail = func(c call) error {
		if c.Activity == quote.ActivityRecordQuote && c.Record.State.Version == 1 && c.Record.State.Versions[0].Note == "bad" {
			return permanent()
		}
		return nil
	}
	bad := priced(rep, 30, 0, db2)
	bad.Note = "bad"
	refused := h.issue(time.Hour, bad)
	after := h.queryAt(2 * time.Hour)
	ok := h.issue(3*time.Hour, priced(rep, 30, 0, db2))
	h.update(4*time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester})
	h.run()

	refused.MustFail(t, quote.ErrNotRecorded)
	if after.Status != models.QuoteRequested || after.Version != 0 || len(after.Versions) != 0 {
		t.Fatalf("after the refused issue: %+v", after)
	}
	if st := ok.MustComplete(t); st.Version != 1 || st.Status != models.QuoteOpen {
		t.Fatalf("second issue: %+v", st)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"requested/v0", "open/v1", "cancelled/v1"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"quote_requested→rep", "quote_issued→customer", "quote_cancelled→rep"})
}
