package order_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A declined card is a final, explained outcome of attempt 1: the order
// is payment_declined with the processor's reason and the buyer is told;
// another card (the pay update) is attempt 2 with its own keys, charged
// once, and the order completes.
func TestDeclinedCardThenAnotherCardIsPaid(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokDeclined))
	declined := h.queryAt(time.Hour)
	paid := h.update(2*time.Hour, order.UpdatePay, order.Payment{
		Choice: models.PaymentChoice{Method: models.PayCard, Card: card(tokOther, "4444")}, By: buyer})
	h.run()

	if declined.Status != models.OrderPaymentDeclined || !strings.Contains(declined.Reason, declineReason) || declined.Attempt != 1 {
		t.Fatalf("after the decline: %+v", declined)
	}
	if st := paid.MustComplete(t); st.Status != models.OrderSubmitted || st.Attempt != 2 || st.Reason != "" ||
		st.Payment.Card == nil || st.Payment.Card.Last4 != "4444" {
		t.Fatalf("pay answered %+v", st)
	}

	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"payment_declined[authorize]", "submitted", "submitted[authorize]", "paid[capture]", "fulfilled", "completed",
	})
	w := h.f.writes()
	if ev := w[0].Record.Event; ev.Succeeded || ev.DeclineCode != declineCode || ev.Key != "order/"+ref+"/payment/1/authorize" ||
		!strings.Contains(ev.Reason, declineReason) {
		t.Fatalf("decline event = %+v", ev)
	}
	if got := w[0].Record.State.Reason; !strings.Contains(got, "declined") || !strings.Contains(got, declineReason) {
		t.Fatalf("declined with reason %q", got)
	}
	wantSeq(t, "authorize keys", chargeKeys(h.f.All(order.ActivityAuthorize)), []string{
		"order/" + ref + "/payment/1/authorize", "order/" + ref + "/payment/2/authorize",
	})
	wantSeq(t, "capture keys", chargeKeys(h.f.All(order.ActivityCapture)), []string{"order/" + ref + "/payment/2/capture"})
	if a := h.f.All(order.ActivityAuthorize); a[1].Charge.Token != tokOther {
		t.Fatalf("attempt 2 charged %q", a[1].Charge.Token)
	}
	if caps := h.f.entries("capture"); len(caps) != 1 || caps[0].Amount != total {
		t.Fatalf("captures in the ledger: %+v", caps)
	}

	wantSeq(t, "notices", templates(h.f.notices()[:1]), []string{"order_payment_declined→buyer"})
	wantSet(t, "notices after payment", templates(h.f.notices()[1:]), []string{"order_confirmation→buyer", "order_poe→poe"})
	if n := h.f.notices()[0].Notice; n.Key != "order/"+ref+"/declined/1" || !strings.Contains(n.State.Reason, declineReason) {
		t.Fatalf("decline notice = %s %q", n.Key, n.State.Reason)
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{
		"submitted", "payment_declined", "submitted", "submitted", "paid", "fulfilled", "completed",
	})
	if res := h.result(); res.Status != models.OrderCompleted || res.Attempt != 2 || res.Reason != "" {
		t.Fatalf("result = %+v", res)
	}
}
