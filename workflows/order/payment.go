package order

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// payByCard authorizes and captures the total on the card of the current
// attempt. A decline (of either step) records payment_declined with the
// processor's reason and tells the buyer; an outage is retried by the
// activity, with the same key, for as long as it lasts.
func (w *orderFlow) payByCard(ctx workflow.Context) error {
	if w.state.Payment.Card == nil {
		return w.cancel(ctx, "the order has no card to charge", nil)
	}
	ref, attempt, amount := w.in.Reference, w.state.Attempt, w.state.Total
	authKey := PaymentKey(ref, attempt, "authorize")
	auth, err := w.charge(ctx, ActivityAuthorize, Charge{Reference: ref, Key: authKey, Token: w.state.Payment.Card.Token, Amount: amount})
	if err != nil {
		return w.cancel(ctx, "the payment could not be processed", err)
	}
	if auth.Declined() {
		return w.declined(ctx, "authorize", authKey, auth)
	}
	next := w.next()
	next.AuthorizationID = auth.ID
	if err := w.commitLocked(ctx, next, &PaymentEvent{Attempt: attempt, Step: "authorize", Key: authKey, Succeeded: true,
		GatewayID: auth.ID, Amount: amount, Actor: SystemActor}); err != nil {
		// Nothing is captured: release the hold rather than leave it to
		// lapse at the processor.
		w.void(ctx, attempt, auth.ID)
		return fmt.Errorf("record authorization: %w", err)
	}
	capKey := PaymentKey(ref, attempt, "capture")
	capture, err := w.charge(ctx, ActivityCapture, Charge{Reference: ref, Key: capKey, PaymentID: auth.ID, Amount: amount})
	if err == nil && capture.Declined() {
		w.void(ctx, attempt, auth.ID)
		return w.declined(ctx, "capture", capKey, capture)
	}
	if err != nil {
		w.void(ctx, attempt, auth.ID)
		return w.cancel(ctx, "the payment could not be captured", err)
	}
	next = w.next()
	next.Status, next.CaptureID = models.OrderPaid, capture.ID
	if err := w.commitLocked(ctx, next, &PaymentEvent{Attempt: attempt, Step: "capture", Key: capKey, Succeeded: true,
		GatewayID: capture.ID, Amount: amount, Actor: SystemActor}); err != nil {
		// The money is taken but cannot be recorded: give it back rather
		// than end with neither fulfilment nor refund.
		w.state.CaptureID = capture.ID
		return w.compensate(ctx, fmt.Errorf("record capture: %w", err))
	}
	return nil
}

// charge runs one gateway activity; only a permanent error comes back.
func (w *orderFlow) charge(ctx workflow.Context, activity string, c Charge) (ChargeResult, error) {
	var res ChargeResult
	err := workflow.ExecuteActivity(policy.Payment(ctx), activity, c).Get(ctx, &res)
	return res, err
}

// void releases an authorization that will not be captured (best effort:
// an authorization not voided lapses at the processor).
func (w *orderFlow) void(ctx workflow.Context, attempt int, authID string) {
	key := PaymentKey(w.in.Reference, attempt, "void")
	if _, err := w.charge(ctx, ActivityVoid, Charge{Reference: w.in.Reference, Key: key, PaymentID: authID, Amount: w.state.Total}); err != nil {
		w.fail(ctx, "void", err)
	}
}

// declined records a declined attempt with the processor's reason, tells
// the buyer, and waits for another card or method (awaitNewPayment).
func (w *orderFlow) declined(ctx workflow.Context, step, key string, res ChargeResult) error {
	next := w.next()
	next.Status, next.Reason = models.OrderPaymentDeclined, declineReason(res)
	next.AuthorizationID = ""
	if err := w.commitLocked(ctx, next, &PaymentEvent{Attempt: w.state.Attempt, Step: step, Key: key,
		Amount: w.state.Total, DeclineCode: res.DeclineCode, Reason: next.Reason, Actor: SystemActor}); err != nil {
		return fmt.Errorf("record decline: %w", err)
	}
	w.notify(ctx, fmt.Sprintf("declined/%d", w.state.Attempt), "order_payment_declined", AudienceBuyer)
	return nil
}

func declineReason(res ChargeResult) string {
	if res.DeclineReason != "" {
		return "the card was declined: " + res.DeclineReason
	}
	return "the card was declined (" + res.DeclineCode + ")"
}

// awaitNewPayment waits for another card or method (UpdatePay moves the
// order back to submitted with the next attempt) until the declined
// order expires: then it is cancelled and the buyer told.
func (w *orderFlow) awaitNewPayment(ctx workflow.Context) error {
	attempt := w.state.Attempt
	moved := func() bool { return w.state.Attempt != attempt || w.state.Status != models.OrderPaymentDeclined }
	left := w.state.Since.Add(w.in.Timers.DeclinedExpireAfter).Sub(workflow.Now(ctx))
	if left > 0 {
		woke, err := workflow.AwaitWithTimeout(ctx, left, moved)
		if err != nil {
			return fmt.Errorf("await another payment: %w", err)
		}
		if woke {
			return nil
		}
	}
	return w.cancelIf(ctx, models.OrderPaymentDeclined, attempt,
		fmt.Sprintf("no other payment was given within %s of the decline", human(w.in.Timers.DeclinedExpireAfter)))
}

// awaitPO records that the order awaits the IBM side's confirmation of its
// purchase order and tells them; reminds them once; cancels the order when
// it expires. The decisions are updates (confirmPO, rejectPO).
func (w *orderFlow) awaitPO(ctx workflow.Context) error {
	attempt := w.state.Attempt
	if w.state.Status != models.OrderAwaitingPO {
		next := w.next()
		next.Status, next.Reason, next.POReminded = models.OrderAwaitingPO, "", false
		if err := w.commitLocked(ctx, next, nil); err != nil {
			return fmt.Errorf("record awaiting purchase order: %w", err)
		}
		w.notify(ctx, fmt.Sprintf("po/%d/awaiting", attempt), "order_po_awaiting", AudienceIBM)
	}
	moved := func() bool { return w.state.Status != models.OrderAwaitingPO || w.state.Attempt != attempt }
	for !moved() {
		now := workflow.Now(ctx)
		remindAt := w.state.Since.Add(w.in.Timers.PORemindAfter)
		due := w.state.Since.Add(w.in.Timers.POExpireAfter)
		remind := !w.state.POReminded
		if remind {
			due = remindAt
		}
		if now.Before(due) {
			woke, err := workflow.AwaitWithTimeout(ctx, due.Sub(now), moved)
			if err != nil {
				return fmt.Errorf("await the purchase order decision: %w", err)
			}
			if woke {
				return nil
			}
		}
		if remind {
			w.remindPO(ctx, attempt)
			continue
		}
		return w.cancelIf(ctx, models.OrderAwaitingPO, attempt,
			fmt.Sprintf("the purchase order was not confirmed within %s", human(w.in.Timers.POExpireAfter)))
	}
	return nil
}

func (w *orderFlow) remindPO(ctx workflow.Context, attempt int) {
	if err := w.mu.Lock(ctx); err != nil {
		w.fail(ctx, "po-remind", err)
		return
	}
	defer w.mu.Unlock()
	if w.state.Status != models.OrderAwaitingPO || w.state.POReminded {
		return
	}
	next := w.next()
	next.POReminded = true
	if err := w.commit(ctx, next, nil); err != nil {
		// A courtesy: without its record the clock goes on to the expiry.
		w.fail(ctx, "po-remind", err)
		w.state.POReminded = true
		return
	}
	w.notify(ctx, fmt.Sprintf("po/%d/reminder", attempt), "order_po_reminder", AudienceIBM)
}

// cancelIf cancels the order if it is still in status at attempt (a
// decision taken at the same moment wins).
func (w *orderFlow) cancelIf(ctx workflow.Context, status models.OrderStatus, attempt int, reason string) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if w.state.Status != status || w.state.Attempt != attempt {
		return nil
	}
	next := w.next()
	next.Status, next.Reason = models.OrderCancelled, reason
	if err := w.commit(ctx, next, nil); err != nil {
		return fmt.Errorf("record cancelled: %w", err)
	}
	w.notify(ctx, "cancelled", "order_cancelled", AudienceBuyer)
	return nil
}

// cancel ends an order whose payment failed for a permanent reason other
// than a decline (nothing was captured).
func (w *orderFlow) cancel(ctx workflow.Context, reason string, cause error) error {
	if cause != nil {
		w.fail(ctx, "payment", cause)
	}
	next := w.next()
	next.Status, next.Reason = models.OrderCancelled, reason
	if err := w.commitLocked(ctx, next, nil); err != nil {
		return fmt.Errorf("record cancelled: %w", err)
	}
	w.notify(ctx, "cancelled", "order_cancelled", AudienceBuyer)
	return nil
}

// human says a duration in days or hours.
func human(d time.Duration) string {
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return d.String()
}
