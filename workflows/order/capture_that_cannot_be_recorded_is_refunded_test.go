package order_test

import (
	"strings"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// The capture succeeded but PostgreSQL refuses to record it for good: the
// money is given back (one refund of the capture under the order's refund
// key), the order ends refunded and the buyer told; the process never
// ends with money taken and neither fulfilment nor refund.
func TestCaptureThatCannotBeRecordedIsRefunded(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokApproved))
	h.f.Fail = func(c call) error {
		if c.Activity == order.ActivityRecordOrder && c.Record.Event != nil && c.Record.Event.Step == "capture" {
			return temporal.NewNonRetryableApplicationError("record order "+ref+": value too long (SQLSTATE 22001)", policy.ErrDataException, nil)
		}
		return nil
	}
	h.run()

	capture := h.f.entries("capture")
	refunds := h.f.OK(order.ActivityRefund)
	if len(capture) != 1 || len(refunds) != 1 || refunds[0].Charge.PaymentID != capture[0].ID ||
		refunds[0].Charge.Key != "order/"+ref+"/refund" || refunds[0].Charge.Amount != total {
		t.Fatalf("captures %+v, refunds %+v", capture, refunds)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"submitted[authorize]", "refunded[refund]"})
	if n := len(h.f.All(order.ActivityFulfil)) + len(h.f.All(order.ActivitySettleQuotes)); n != 0 {
		t.Fatalf("%d fulfilment or settlement calls for an order whose payment is not recorded", n)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"order_refunded→buyer"})
	res := h.result()
	if res.Status != models.OrderRefunded || !strings.Contains(res.Reason, "SQLSTATE 22001") {
		t.Fatalf("result = %+v", res)
	}
}
