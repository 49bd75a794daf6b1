package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// E4: a quote awaiting a revision cannot be ordered; an order names the
// current version (the prices it pays); the order process's update
// completes the quote.
func TestOrderNeedsTheCurrentVersionOfAnOpenQuote(t *testing.T) {
	h := newHarness(t, salesInput())
	early := h.update(30*time.Minute, quote.UpdateOrder, quote.Order{OrderRef: "ORD-0", Version: 0})
	h.issue(time.Hour, priced(rep, 30, 0, db2, mq))
	h.change(2*day, quote.ChangeRequest{By: requester, Changes: []models.LineChange{{PartNumber: mq.PartNumber, Remove: true}}, Note: "no MQ"})
	awaiting := h.update(2*day+time.Hour, quote.UpdateOrder, quote.Order{OrderRef: "ORD-1", Version: 1})
	h.issue(3*day, priced(rep, 30, 0, db2))
	stale := h.update(4*day, quote.UpdateOrder, quote.Order{OrderRef: "ORD-2", Version: 1})
	noRef := h.update(4*day, quote.UpdateOrder, quote.Order{Version: 2})
	ok := h.update(5*day, quote.UpdateOrder, quote.Order{OrderRef: "ORD-3", Version: 2, By: bobEmail})
	h.run()

	early.MustRefuse(t, quote.ErrWrongStatus)
	awaiting.MustRefuse(t, quote.ErrWrongStatus)
	stale.MustRefuse(t, quote.ErrStaleVersion)
	noRef.MustRefuse(t, quote.ErrInvalid)
	if st := ok.MustComplete(t); st.Status != models.QuoteOrdered || st.OrderRef != "ORD-3" || st.Version != 2 {
		t.Fatalf("after the order: %+v", st)
	}
}
