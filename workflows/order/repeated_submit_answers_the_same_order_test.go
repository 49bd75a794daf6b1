package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// A repeated submit (a client retrying with the same Idempotency-Key)
// answers with the same order, opened once: at the same moment, the same
// state; later, the order as it is then.
func TestRepeatedSubmitAnswersWithTheSameOrder(t *testing.T) {
	h := newHarness(t, orderInput(), poOrder())
	again := h.update(0, order.UpdateSubmit)
	later := h.update(time.Hour, order.UpdateSubmit)
	h.update(2*time.Hour, order.UpdateConfirmPO, confirmation(ops))
	first := h.run()

	second := again.MustComplete(t)
	if asJSON(t, first) != asJSON(t, second) {
		t.Fatalf("two submits answered\n %+v\n %+v", first, second)
	}
	if st := later.MustComplete(t); st.Reference != ref || st.Status != models.OrderAwaitingPO || st.Total != total {
		t.Fatalf("a submit an hour later answered %+v", st)
	}
	if n := len(h.f.All(order.ActivityOpenOrder)); n != 1 {
		t.Fatalf("OpenOrder called %d times, want once", n)
	}
	if res := h.result(); res.Status != models.OrderCompleted {
		t.Fatalf("result = %+v", res)
	}
}
