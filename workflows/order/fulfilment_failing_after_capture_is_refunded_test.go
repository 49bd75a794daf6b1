package order_test

import (
	"slices"
	"strings"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// Fulfilment that fails for good after the capture: the capture is
// refunded once under the order's refund key, the order ends refunded
// with the reason and the buyer is told; no confirmation goes out.
func TestFulfilmentFailingAfterCaptureIsRefunded(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokApproved))
	h.f.fulfilErr = temporal.NewNonRetryableApplicationError("line 1 (D0R4ZLL): no coverage rule for the product", order.ErrFulfilment, nil)
	h.run()

	capture := h.f.entries("capture")
	refunds := h.f.All(order.ActivityRefund)
	if len(capture) != 1 || len(refunds) != 1 {
		t.Fatalf("captures %+v, refund calls %+v", capture, refunds)
	}
	if r := refunds[0].Charge; r.Key != "order/"+ref+"/refund" || r.PaymentID != capture[0].ID || r.Amount != total || refunds[0].Failed {
		t.Fatalf("refund = %+v (capture %s)", r, capture[0].ID)
	}
	if l := h.f.entries("refund"); len(l) != 1 || l[0].PaymentID != capture[0].ID {
		t.Fatalf("refunds in the ledger: %+v", l)
	}

	wantSeq(t, "writes", statuses(h.f.writes()), []string{"submitted[authorize]", "paid[capture]", "refunded[refund]"})
	last := h.f.writes()[2].Record
	const reason = "the order could not be fulfilled: line 1 (D0R4ZLL): no coverage rule for the product"
	if last.State.Reason != reason || last.Event.GatewayID != h.f.entries("refund")[0].ID || !last.Event.Succeeded {
		t.Fatalf("refunded write = %+v / %+v", last.State, last.Event)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"order_refunded→buyer"})
	if n := h.f.notices()[0].Notice; n.Key != "order/"+ref+"/refunded" || n.State.Reason != reason {
		t.Fatalf("refund notice %s says %q", n.Key, n.State.Reason)
	}
	if slices.Contains(templates(h.f.notices()), "order_confirmation→buyer") || len(h.f.All(order.ActivitySettleQuotes)) != 0 {
		t.Fatal("a failed order was confirmed or settled its quotes")
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"submitted", "submitted", "paid", "refunded"})
	res := h.result()
	if res.Status != models.OrderRefunded || !strings.HasPrefix(res.Reason, "the order could not be fulfilled") || res.DocumentNumber != "" {
		t.Fatalf("result = %+v", res)
	}
}
