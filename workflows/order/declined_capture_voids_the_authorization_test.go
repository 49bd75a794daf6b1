package order_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A capture the issuer declines after the authorization: the
// authorization is voided under the attempt's void key, nothing is
// captured, and the order is payment_declined with the reason, the buyer
// told (a decline at either step is the same outcome).
func TestDeclinedCaptureVoidsTheAuthorization(t *testing.T) {
	in := orderInput()
	in.Timers.DeclinedExpireAfter = day
	h := newHarness(t, in, cardOrder(tokCaptureDeclined))
	h.run()

	auth := h.f.entries("authorize")
	voids := h.f.OK(order.ActivityVoid)
	if len(auth) != 1 || len(voids) != 1 || len(h.f.entries("capture")) != 0 {
		t.Fatalf("ledger %+v, void calls %+v", h.f.ledger, voids)
	}
	if v := voids[0].Charge; v.Key != "order/"+ref+"/payment/1/void" || v.PaymentID != auth[0].ID {
		t.Fatalf("void = %+v (authorization %s)", v, auth[0].ID)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"submitted[authorize]", "payment_declined[capture]", "cancelled"})
	declined := h.f.writes()[1].Record
	if declined.Event.DeclineCode != "do_not_honor" || declined.Event.Key != "order/"+ref+"/payment/1/capture" ||
		!strings.Contains(declined.State.Reason, "the issuer declined the capture") || declined.State.AuthorizationID != "" {
		t.Fatalf("declined write = %+v / %+v", declined.State, declined.Event)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"order_payment_declined→buyer", "order_cancelled→buyer"})
	if res := h.result(); res.Status != models.OrderCancelled || res.CaptureID != "" || len(res.Failures) != 0 {
		t.Fatalf("result = %+v", res)
	}
}
