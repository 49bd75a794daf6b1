package order

import (
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/models"
)

// refuse is an update refusal of type errType.
func refuse(errType, format string, args ...any) error {
	return temporal.NewApplicationError(fmt.Sprintf(format, args...), errType)
}

// invalid refuses an argument, naming the field as the API does.
func invalid(field, detail string) error {
	return temporal.NewApplicationError(field+": "+detail, ErrInvalid, field)
}

func (w *orderFlow) wrongStatus(action string) error {
	if !w.submitted {
		return refuse(ErrWrongStatus, "order %s is not open yet: %s is not possible", w.in.Reference, action)
	}
	return refuse(ErrWrongStatus, "order %s is %s: %s is not possible", w.in.Reference, w.state.Status, action)
}

// validatePay accepts another card or method only for a declined order.
func (w *orderFlow) validatePay(p Payment) error {
	if !w.submitted || w.state.Status != models.OrderPaymentDeclined {
		return w.wrongStatus("paying again")
	}
	if p.By.ID == 0 || p.By.Email == "" {
		return invalid("by", "is required")
	}
	switch p.Choice.Method {
	case models.PayCard:
		if c := p.Choice.Card; c == nil || c.Token == "" || len(c.Last4) != 4 {
			return invalid("card", "a tokenized card is required")
		}
	case models.PayPurchaseOrder:
		if strings.TrimSpace(p.Choice.PONumber) == "" {
			return invalid("purchase_order.number", "is required")
		}
	default:
		return invalid("method", "must be card or purchase_order")
	}
	return nil
}

// pay starts a new payment attempt with another card or method.
func (w *orderFlow) pay(ctx workflow.Context, p Payment) (State, error) {
	return w.locked(ctx, func() error { return w.validatePay(p) }, func() (State, error) {
		next := w.next()
		next.Status, next.Reason, next.Attempt, next.Payment = models.OrderSubmitted, "", w.state.Attempt+1, p.Choice
		next.AuthorizationID, next.POReminded = "", false
		if err := w.commit(ctx, next, nil); err != nil {
			return w.view(), notRecorded(err)
		}
		return w.view(), nil
	})
}

func (w *orderFlow) validateDecision(d Decision, action string) error {
	if !w.submitted || w.state.Status != models.OrderAwaitingPO {
		return w.wrongStatus(action)
	}
	if !d.Allowed || d.By.Email == "" {
		return refuse(ErrNotAllowed, "only ibm-ops or the customer's sales rep may decide on a purchase order")
	}
	return nil
}

func (w *orderFlow) validateConfirmPO(d Decision) error {
	return w.validateDecision(d, "confirming the purchase order")
}

func (w *orderFlow) validateRejectPO(d Decision) error {
	if err := w.validateDecision(d, "rejecting the purchase order"); err != nil {
		return err
	}
	if strings.TrimSpace(d.Reason) == "" {
		return invalid("reason", "is required: the customer is told why")
	}
	return nil
}

// confirmPO: the purchase order is confirmed; the order is paid.
func (w *orderFlow) confirmPO(ctx workflow.Context, d Decision) (State, error) {
	return w.locked(ctx, func() error { return w.validateConfirmPO(d) }, func() (State, error) {
		next := w.next()
		next.Status, next.DecidedBy = models.OrderPaid, d.By.Email
		ev := &PaymentEvent{Attempt: w.state.Attempt, Step: "po_confirmed", Key: PaymentKey(w.in.Reference, w.state.Attempt, "po"),
			Succeeded: true, Amount: w.state.Total, Reason: d.Reason, Actor: d.By.Email}
		if err := w.commit(ctx, next, ev); err != nil {
			return w.view(), notRecorded(err)
		}
		return w.view(), nil
	})
}

// rejectPO: the purchase order is rejected; the order is cancelled and the
// buyer told why.
func (w *orderFlow) rejectPO(ctx workflow.Context, d Decision) (State, error) {
	return w.locked(ctx, func() error { return w.validateRejectPO(d) }, func() (State, error) {
		next := w.next()
		next.Status, next.DecidedBy = models.OrderCancelled, d.By.Email
		next.Reason = "the purchase order was rejected: " + strings.TrimSpace(d.Reason)
		ev := &PaymentEvent{Attempt: w.state.Attempt, Step: "po_rejected", Key: PaymentKey(w.in.Reference, w.state.Attempt, "po"),
			Amount: w.state.Total, Reason: d.Reason, Actor: d.By.Email}
		if err := w.commit(ctx, next, ev); err != nil {
			return w.view(), notRecorded(err)
		}
		w.notify(ctx, "cancelled", "order_cancelled", AudienceBuyer)
		return w.view(), nil
	})
}

// locked runs a handler's change under the write lock, after checking its
// rule again (the state may have moved while it waited).
func (w *orderFlow) locked(ctx workflow.Context, check func() error, change func() (State, error)) (State, error) {
	if err := w.mu.Lock(ctx); err != nil {
		return w.view(), fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if err := check(); err != nil {
		return w.view(), err
	}
	return change()
}

func notRecorded(err error) error {
	return temporal.NewApplicationErrorWithCause("the change could not be recorded", ErrNotRecorded, err)
}
