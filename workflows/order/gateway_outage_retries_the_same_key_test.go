package order_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// The gateway is out twice (the first time after it made the
// authorization, the reply lost): the activity is retried with the same
// key, so the ledger holds one authorization and one capture, and the
// outage never becomes a decline.
func TestGatewayOutageRetriesTheSameKeyAndChargesOnce(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokOutage))
	h.run()

	auths := h.f.All(order.ActivityAuthorize)
	failed := slices.IndexFunc(auths, func(c call) bool { return !c.Failed })
	if len(auths) != outageAttempts+1 || failed != outageAttempts {
		t.Fatalf("authorize attempts = %+v, want %d failures then a success", auths, outageAttempts)
	}
	for i, a := range auths {
		if a.Charge.Key != "order/"+ref+"/payment/1/authorize" || a.Attempt != int32(i+1) {
			t.Fatalf("authorize attempt %d: key %q, activity attempt %d", i+1, a.Charge.Key, a.Attempt)
		}
	}
	if a, c := h.f.entries("authorize"), h.f.entries("capture"); len(a) != 1 || len(c) != 1 || c[0].PaymentID != a[0].ID {
		t.Fatalf("ledger: authorizations %+v, captures %+v", a, c)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"submitted[authorize]", "paid[capture]", "fulfilled", "completed",
	})
	if ev := h.f.writes()[0].Record.Event; ev.GatewayID != h.f.entries("authorize")[0].ID {
		t.Fatalf("recorded authorization %q, the gateway made %q", ev.GatewayID, h.f.entries("authorize")[0].ID)
	}
	if slices.Contains(h.sa.ProcessStatuses(), string(models.OrderPaymentDeclined)) {
		t.Fatalf("ProcessStatus went through payment_declined: %q", h.sa.ProcessStatuses())
	}
	wantSet(t, "notices", templates(h.f.notices()), []string{"order_confirmation→buyer", "order_poe→poe"})
	if res := h.result(); res.Status != models.OrderCompleted || len(res.Failures) != 0 {
		t.Fatalf("result = %+v", res)
	}
}
