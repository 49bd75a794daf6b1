package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A purchase order nobody decides on: the IBM side is reminded once at
// the Input's PORemindAfter, and the order is cancelled at its
// POExpireAfter with a reason, the buyer told. The timers are the
// Input's, not the defaults.
func TestUnconfirmedPurchaseOrderIsRemindedOnceThenCancelled(t *testing.T) {
	in := orderInput()
	in.Timers = order.Timers{PORemindAfter: 2 * day, POExpireAfter: 5 * day, DeclinedExpireAfter: day}
	h := newHarness(t, in, poOrder())
	before := h.queryAt(2*day - time.Minute)
	after := h.queryAt(2*day + time.Minute)
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"awaiting_po_confirmation", "awaiting_po_confirmation", "cancelled"})
	since := writes[0].At
	if got := writes[1].At.Sub(since); got != 2*day || !writes[1].Record.State.POReminded {
		t.Fatalf("reminder recorded at +%v (reminded=%v), want +2 days", got, writes[1].Record.State.POReminded)
	}
	if got := writes[2].At.Sub(since); got != 5*day {
		t.Fatalf("cancelled at +%v, want +5 days", got)
	}
	const reason = "the purchase order was not confirmed within 5 days"
	if got := writes[2].Record.State.Reason; got != reason {
		t.Fatalf("cancelled with reason %q, want %q", got, reason)
	}

	notices := h.f.notices()
	wantSeq(t, "notices", templates(notices), []string{"order_po_awaiting→ibm", "order_po_reminder→ibm", "order_cancelled→buyer"})
	wantSeq(t, "outbox keys", keys(notices), []string{
		"order/" + ref + "/po/1/awaiting", "order/" + ref + "/po/1/reminder", "order/" + ref + "/cancelled",
	})
	for i, at := range []time.Duration{0, 2 * day, 5 * day} {
		if got := notices[i].At.Sub(since); got != at {
			t.Errorf("notice %s at +%v, want +%v", notices[i].Notice.Template, got, at)
		}
	}
	if notices[2].Notice.State.Reason != reason {
		t.Fatalf("the buyer is told %q", notices[2].Notice.State.Reason)
	}
	if before.POReminded || before.Status != models.OrderAwaitingPO || !after.POReminded || after.Status != models.OrderAwaitingPO {
		t.Fatalf("query before the reminder %+v, after %+v", before, after)
	}
	if n := len(h.f.All(order.ActivityFulfil)) + h.f.gatewayCalls(); n != 0 {
		t.Fatalf("%d fulfilment or gateway calls", n)
	}
	if res := h.result(); res.Status != models.OrderCancelled || res.Reason != reason {
		t.Fatalf("result = %+v", res)
	}
}
