package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A purchase order waits for the IBM side: the order is recorded
// awaiting_po_confirmation and the sales rep told; once confirmed it is
// paid, fulfilled and completed, without a single gateway call.
func TestConfirmedPurchaseOrderIsCompletedWithoutTheGateway(t *testing.T) {
	h := newHarness(t, orderInput(), poOrder())
	waiting := h.queryAt(time.Hour)
	confirmed := h.update(2*time.Hour, order.UpdateConfirmPO, order.Decision{By: ops, Allowed: true, Reason: "PO checked against the contract"})
	h.run()

	if waiting.Status != models.OrderAwaitingPO {
		t.Fatalf("before the decision: %+v", waiting)
	}
	if st := confirmed.MustComplete(t); st.Status != models.OrderPaid || st.DecidedBy != ops.Email {
		t.Fatalf("confirm-po answered %+v", st)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"awaiting_po_confirmation", "paid[po_confirmed]", "fulfilled", "completed"})
	ev := h.f.writes()[1].Record.Event
	if ev.Key != "order/"+ref+"/payment/1/po" || !ev.Succeeded || ev.Actor != ops.Email || ev.Amount != total {
		t.Fatalf("confirmation event = %+v", ev)
	}
	if n := h.f.gatewayCalls(); n != 0 {
		t.Fatalf("%d gateway calls for a purchase order", n)
	}
	wantSeq(t, "notices", templates(h.f.notices()[:1]), []string{"order_po_awaiting→ibm"})
	wantSeq(t, "first outbox key", keys(h.f.notices()[:1]), []string{"order/" + ref + "/po/1/awaiting"})
	wantSet(t, "notices after the confirmation", templates(h.f.notices()[1:]), []string{"order_confirmation→buyer", "order_poe→poe"})
	if len(h.f.OK(order.ActivitySettleQuotes)) != 1 || len(h.f.OK(order.ActivityFulfil)) != 1 {
		t.Fatalf("fulfilled %d times, settled %d times", len(h.f.OK(order.ActivityFulfil)), len(h.f.OK(order.ActivitySettleQuotes)))
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"submitted", "awaiting_po_confirmation", "paid", "fulfilled", "completed"})
	if res := h.result(); res.Status != models.OrderCompleted || res.DecidedBy != ops.Email || res.CaptureID != "" || res.DocumentNumber != docNumber {
		t.Fatalf("result = %+v", res)
	}
}
