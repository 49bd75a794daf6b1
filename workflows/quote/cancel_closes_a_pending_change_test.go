package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// The customer cancels a quote awaiting a revision: the quote is
// cancelled, the pending change request closed, the rep told.
func TestCancelClosesAPendingChange(t *testing.T) {
	h := newHarness(t, salesInput())
	h.issue(time.Hour, priced(rep, 30, 0, db2, mq))
	h.change(2*time.Hour, quote.ChangeRequest{By: requester, Changes: []models.LineChange{{PartNumber: mq.PartNumber, Remove: true}}, Note: "no MQ"})
	cancelled := h.update(3*time.Hour, quote.UpdateCancel, quote.Cancellation{By: dave, Reason: "project stopped"})
	h.run()

	st := cancelled.MustComplete(t)
	if st.Status != models.QuoteCancelled || st.ClosedBy != dave.Email || st.ClosedReason != "project stopped" {
		t.Fatalf("after the cancellation: %+v", st)
	}
	if c := st.Changes[0]; c.Status != models.ChangeClosed {
		t.Fatalf("change request = %+v", c)
	}
	n := h.f.notices()
	wantSeq(t, "notices", templates(n), []string{
		"quote_requested→rep", "quote_issued→customer", "quote_change_requested→rep", "quote_cancelled→rep",
	})
	if n[3].Notice.Reason != "project stopped" {
		t.Fatalf("cancellation notice = %+v", n[3].Notice)
	}
}
