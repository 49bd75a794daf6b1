package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A declined order nobody pays again is cancelled at the Input's
// DeclinedExpireAfter from the decline, and the buyer told.
func TestDeclinedOrderNeverPaidIsCancelledWhenItExpires(t *testing.T) {
	in := orderInput()
	in.Timers.DeclinedExpireAfter = 3 * day
	h := newHarness(t, in, cardOrder(tokDeclined))
	still := h.queryAt(3*day - time.Minute)
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"payment_declined[authorize]", "cancelled"})
	if got := writes[1].At.Sub(writes[0].At); got != 3*day {
		t.Fatalf("cancelled +%v after the decline, want +3 days", got)
	}
	const reason = "no other payment was given within 3 days of the decline"
	if got := writes[1].Record.State.Reason; got != reason {
		t.Fatalf("cancelled with reason %q, want %q", got, reason)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"order_payment_declined→buyer", "order_cancelled→buyer"})
	if still.Status != models.OrderPaymentDeclined {
		t.Fatalf("a minute before the expiry: %+v", still)
	}
	if len(h.f.All(order.ActivityAuthorize)) != 1 || len(h.f.All(order.ActivityCapture)) != 0 || len(h.f.All(order.ActivityFulfil)) != 0 {
		t.Fatalf("gateway or fulfilment calls after the decline: %+v", h.f.All())
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"submitted", "payment_declined", "cancelled"})
	if res := h.result(); res.Status != models.OrderCancelled || res.Reason != reason {
		t.Fatalf("result = %+v", res)
	}
}
