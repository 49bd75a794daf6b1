package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// The validators refuse, before anything is recorded, a decision by a
// caller the API did not allow, a rejection without a reason (naming the
// field), another payment for an order that is not declined, and another
// card without its token and last four.
func TestPurchaseOrderUpdatesAreRefusedUnlessAllowedAndComplete(t *testing.T) {
	h := newHarness(t, orderInput(), poOrder())
	notAllowed := h.update(time.Hour, order.UpdateConfirmPO, order.Decision{By: ops, Allowed: false})
	noReason := h.update(2*time.Hour, order.UpdateRejectPO, order.Decision{By: ops, Allowed: true, Reason: "   "})
	payAgain := h.update(3*time.Hour, order.UpdatePay, order.Payment{
		Choice: models.PaymentChoice{Method: models.PayCard, Card: card(tokOther, "4444")}, By: buyer})
	confirmed := h.update(4*time.Hour, order.UpdateConfirmPO, confirmation(ops))
	h.run()

	notAllowed.MustRefuse(t, order.ErrNotAllowed)
	noReason.MustRefuse(t, order.ErrInvalid)
	if f := refusedField(noReason.RejectErr); f != "reason" {
		t.Fatalf("reject-po without a reason names %q, want reason", f)
	}
	payAgain.MustRefuse(t, order.ErrWrongStatus)
	confirmed.MustComplete(t)
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"awaiting_po_confirmation", "paid[po_confirmed]", "fulfilled", "completed"})
}

// A card order has no purchase order to decide on: confirm-po and
// reject-po are refused for its status; the pay update names a card
// without its token.
func TestPurchaseOrderDecisionsOnACardOrderAreRefused(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokDeclined))
	confirm := h.update(time.Hour, order.UpdateConfirmPO, confirmation(ops))
	reject := h.update(time.Hour, order.UpdateRejectPO, order.Decision{By: ops, Allowed: true, Reason: "no"})
	noToken := h.update(2*time.Hour, order.UpdatePay, order.Payment{
		Choice: models.PaymentChoice{Method: models.PayCard, Card: card("", "4444")}, By: buyer})
	paid := h.update(3*time.Hour, order.UpdatePay, order.Payment{
		Choice: models.PaymentChoice{Method: models.PayCard, Card: card(tokOther, "4444")}, By: buyer})
	h.run()

	confirm.MustRefuse(t, order.ErrWrongStatus)
	reject.MustRefuse(t, order.ErrWrongStatus)
	noToken.MustRefuse(t, order.ErrInvalid)
	if f := refusedField(noToken.RejectErr); f != "card" {
		t.Fatalf("a card without its token names %q, want card", f)
	}
	paid.MustComplete(t)
	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"payment_declined[authorize]", "submitted", "submitted[authorize]", "paid[capture]", "fulfilled", "completed",
	})
}
