package e2e_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
)

// A purchase order (G5) over HTTP: the order awaits the IBM side, the
// customer's sales rep is emailed, ops finds it in the staff queue and
// confirms it; the order is fulfilled without any gateway call. A second
// order's purchase order is rejected: it is cancelled with the reason and
// the buyer told.
func TestPurchaseOrderConfirmedByOpsAndAnotherRejected(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)
	ops := w.Token("ops@ibm.example.com", auth.RoleIBMOps)
	po := map[string]any{"method": "purchase_order", "purchase_order": map[string]any{"number": "PO-7781", "reference": "Austin DC"}}

	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 5}, http.StatusCreated, nil)
	first := placeOrder(t, w, me, "300001", checkoutReady(t, w, me, "300001", "US", po), "po-1", http.StatusCreated)
	waitOrder(t, w, me, first.Reference, "awaiting_po_confirmation")

	var queue struct {
		Orders []orderDoc `json:"orders"`
	}
	orderCall(t, w, "GET", "/v1/staff/orders", ops, nil, http.StatusOK, &queue)
	if len(queue.Orders) != 1 || queue.Orders[0].Reference != first.Reference || queue.Orders[0].Payment.PONumber != "PO-7781" {
		t.Fatalf("ops queue: %+v", queue)
	}
	orderCall(t, w, "POST", "/v1/staff/orders/"+first.Reference+"/purchase-order/confirm", ops, map[string]any{}, http.StatusOK, nil)
	done := waitOrder(t, w, me, first.Reference, "completed")
	if len(done.Documents) != 1 || done.Payment.Method != "purchase_order" {
		t.Fatalf("confirmed order: %+v", done)
	}

	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "BMQ94EN", "quantity": 1}, http.StatusCreated, nil)
	second := placeOrder(t, w, me, "300001", checkoutReady(t, w, me, "300001", "US", po), "po-2", http.StatusCreated)
	waitOrder(t, w, me, second.Reference, "awaiting_po_confirmation")
	r := w.Do("POST", "/v1/staff/orders/"+second.Reference+"/purchase-order/reject", ops, map[string]any{})
	if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), `"reason"`) {
		t.Fatalf("reject without a reason = %d %s", r.Status, r.Body)
	}
	orderCall(t, w, "POST", "/v1/staff/orders/"+second.Reference+"/purchase-order/reject", ops,
		map[string]any{"reason": "PO-7781 is already consumed"}, http.StatusOK, nil)
	cancelled := waitOrder(t, w, me, second.Reference, "cancelled")
	if !strings.Contains(cancelled.StatusReason, "already consumed") {
		t.Fatalf("cancelled order's reason: %q", cancelled.StatusReason)
	}

	eventually(t, 20*time.Second, func() string {
		var toRep, toBuyer bool
		for _, m := range w.sink.Messages() {
			toRep = toRep || (strings.Contains(m.Subject, "Purchase order to confirm: order "+first.Reference) && slices.Contains(m.To, salesRep))
			toBuyer = toBuyer || (strings.Contains(m.Subject, "Order "+second.Reference+" was cancelled") && slices.Contains(m.To, alice))
		}
		if !toRep || !toBuyer {
			return "emails so far: " + strings.Join(subjects(w.sink.Messages()), "; ")
		}
		return ""
	})
}
