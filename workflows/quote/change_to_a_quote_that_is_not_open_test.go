package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A change request needs an open quote: one not issued yet, one already
// awaiting an answer, and one named on a version since revised are each
// refused, naming why; nothing is recorded.
func TestAChangeToAQuoteThatIsNotOpenIsRefused(t *testing.T) {
	h := newHarness(t, salesInput())
	change := quote.ChangeRequest{By: requester, Changes: []models.LineChange{{PartNumber: mq.PartNumber, Quantity: 50}}, Note: "fewer"}
	notIssued := h.change(30*time.Minute, change)
	h.issue(time.Hour, priced(rep, 30, 0, db2, mq))
	first := h.change(2*time.Hour, change)
	second := h.change(3*time.Hour, change)
	h.update(4*time.Hour, quote.UpdateDeclineChange, quote.Decision{By: rep, Reason: "no"})
	onV2 := change
	onV2.OnVersion = 2
	stale := h.change(5*time.Hour, onV2)
	h.update(6*time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester, Reason: "bought elsewhere"})
	late := h.change(6*time.Hour+time.Minute, change)
	h.run()

	notIssued.MustRefuse(t, quote.ErrWrongStatus)
	first.MustComplete(t)
	second.MustRefuse(t, quote.ErrWrongStatus)
	stale.MustRefuse(t, quote.ErrStaleVersion)
	if late.Sent {
		late.MustRefuse(t, quote.ErrWrongStatus)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"requested/v0", "open/v1", "change_requested/v1", "open/v1", "cancelled/v1",
	})
}
