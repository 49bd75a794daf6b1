package order_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A rejected purchase order cancels the order with the IBM side's reason;
// the buyer is told why and nothing is fulfilled.
func TestRejectedPurchaseOrderIsCancelledWithTheReason(t *testing.T) {
	h := newHarness(t, orderInput(), poOrder())
	rejected := h.update(time.Hour, order.UpdateRejectPO, order.Decision{By: ops, Allowed: true, Reason: "  the PO number is unknown  "})
	h.run()

	const want = "the purchase order was rejected: the PO number is unknown"
	if st := rejected.MustComplete(t); st.Status != models.OrderCancelled || st.Reason != want || st.DecidedBy != ops.Email {
		t.Fatalf("reject-po answered %+v", st)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"awaiting_po_confirmation", "cancelled[po_rejected]"})
	if ev := h.f.writes()[1].Record.Event; ev.Succeeded || ev.Actor != ops.Email || !strings.Contains(ev.Reason, "PO number is unknown") {
		t.Fatalf("rejection event = %+v", ev)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"order_po_awaiting→ibm", "order_cancelled→buyer"})
	if n := h.f.notices()[1].Notice; n.Key != "order/"+ref+"/cancelled" || n.State.Reason != want {
		t.Fatalf("cancellation notice %s says %q", n.Key, n.State.Reason)
	}
	if n := len(h.f.All(order.ActivityFulfil)) + len(h.f.All(order.ActivitySettleQuotes)) + h.f.gatewayCalls(); n != 0 {
		t.Fatalf("%d fulfilment, settlement or gateway calls for a rejected order", n)
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"submitted", "awaiting_po_confirmation", "cancelled"})
	if res := h.result(); res.Status != models.OrderCancelled || res.Reason != want {
		t.Fatalf("result = %+v", res)
	}
}
