package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A renewal quote started quiet (the renewal sends its own notice about
// version 1) queues no quote_issued email for it; a revision is still
// announced.
func TestAQuietFirstIssueSendsNoIssuedEmail(t *testing.T) {
	in := renewalInput(time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC))
	in.QuietFirstIssue = true
	h := newHarness(t, in)
	line := in.Lines[0]
	h.change(time.Hour, quote.ChangeRequest{By: dave, OnVersion: 1, Note: "fewer",
		Changes: []models.LineChange{{PartNumber: line.PartNumber, Quantity: line.Quantity - 1}}})
	fewer := line
	fewer.Quantity--
	revised := h.issue(2*time.Hour, quote.Issue{By: in.Rep, Lines: []quote.IssueLine{{QuoteItem: fewer, Unit: usd(214_320)}}})
	h.update(3*time.Hour, quote.UpdateCancel, quote.Cancellation{By: dave, Reason: "done"})
	h.run()
	revised.MustComplete(t)
	for _, n := range h.f.notices() {
		if n.Notice.Template == "quote_issued" {
			t.Fatalf("a quiet first issue queued %s", n.Notice.Key)
		}
	}
	if got := templates(h.f.notices()); len(got) < 2 || got[0] != "quote_change_requested→rep" || got[1] != "quote_revised→customer" {
		t.Fatalf("notices %q", got)
	}
}
