package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// The status query answers what was last recorded, at every sampled
// transition: declined, another method (a purchase order) awaiting its
// confirmation, reminded, then paid and completed.
func TestStatusQueryAgreesWithTheLastRecordedWrite(t *testing.T) {
	in := orderInput()
	h := newHarness(t, in, cardOrder(tokDeclined))
	h.update(2*time.Hour, order.UpdatePay, order.Payment{
		Choice: models.PaymentChoice{Method: models.PayPurchaseOrder, PONumber: "PO-77-1234"}, By: buyer})
	h.update(2*time.Hour+in.Timers.PORemindAfter+time.Hour, order.UpdateConfirmPO, confirmation(ops))
	samples := []time.Duration{time.Hour, 3 * time.Hour, 2*time.Hour + in.Timers.PORemindAfter + time.Minute}
	answers := make([]*order.State, len(samples))
	for i, at := range samples {
		answers[i] = h.queryAt(at)
	}
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{
		"payment_declined[authorize]", "submitted", "awaiting_po_confirmation", "awaiting_po_confirmation",
		"paid[po_confirmed]", "fulfilled", "completed",
	})
	start := writes[0].At
	want := []models.OrderStatus{models.OrderPaymentDeclined, models.OrderAwaitingPO, models.OrderAwaitingPO}
	for i, at := range samples {
		var last *order.State
		for _, w := range writes {
			if !w.At.After(start.Add(at)) {
				st := w.Record.State
				last = &st
			}
		}
		if last == nil || answers[i].Status != want[i] {
			t.Fatalf("at +%v: query %+v, want %s", at, answers[i], want[i])
		}
		if got, rec := asJSON(t, answers[i]), asJSON(t, last); got != rec {
			t.Fatalf("at +%v the query answers\n %s\nthe last write was\n %s", at, got, rec)
		}
	}
	if !answers[2].POReminded || answers[1].POReminded {
		t.Fatalf("reminded: %v before, %v after the reminder", answers[1].POReminded, answers[2].POReminded)
	}
	if res := h.result(); asJSON(t, res) != asJSON(t, writes[len(writes)-1].Record.State) {
		t.Fatalf("result %+v, last write %+v", res, writes[len(writes)-1].Record.State)
	}
}
