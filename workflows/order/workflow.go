// Package order is the order process (SPEC G5–G8), one workflow
// `order/<reference>` from checkout to fulfilment: it locks the checkout's
// snapshot and prices (its first row), takes the payment — a card
// authorized and captured under idempotency keys derived from the
// reference, or a purchase order the IBM side confirms — fulfils the order
// (coverage extended or created, the Proof of Entitlement issued), queues
// the confirmation and the PoE emails and tells the quotes it settles. A
// decline is a final, explained outcome of one attempt: the customer may
// pay with another card or method (a new attempt with its own keys). If
// fulfilment fails for good after the capture, the payment is refunded: no
// path leaves money taken with neither fulfilment nor refund. The workflow
// owns the order's rows and writes them through activities.Orders at every
// transition. Deterministic code only.
package order

import (
	"fmt"
	"slices"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// StatusRefused is the ProcessStatus of a run that refused its checkout
// (no order was opened).
const StatusRefused = "refused"

// Steps: outbox key suffixes and the names of failures.
const (
	stepSearchAttributes = "search-attributes"
	stepSettle           = "settle-quotes"
)

type orderFlow struct {
	in       Input
	state    State
	failures []Failure
	// mu serialises the database writes of run() and of the handlers.
	mu workflow.Mutex
	// submitted once the first row is recorded; submitErr if it never
	// will be (the checkout cannot become an order).
	submitted bool
	submitErr error
	// notices counts notices in flight; the workflow waits for them.
	notices int
}

// Workflow is the workflow function.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	w := &orderFlow{in: in, state: State{Reference: in.Reference, Status: models.OrderSubmitted, Attempt: 1}}
	err := w.setup(ctx)
	if err == nil {
		err = w.run(ctx)
	}
	err = policy.AwaitHandlers(ctx, func() bool { return w.notices == 0 }, err)
	return w.view(), err
}

func (w *orderFlow) setup(ctx workflow.Context) error {
	if err := validInput(w.in); err != nil {
		return temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrInvalidInput, nil)
	}
	w.mu = workflow.NewMutex(ctx)
	return policy.RegisterHandlers(ctx, QueryStatus, w.view,
		policy.Update{Name: UpdateSubmit, Fn: w.submitUpdate, Validator: func() error { return nil }},
		policy.Update{Name: UpdatePay, Fn: w.pay, Validator: w.validatePay},
		policy.Update{Name: UpdateConfirmPO, Fn: w.confirmPO, Validator: w.validateConfirmPO},
		policy.Update{Name: UpdateRejectPO, Fn: w.rejectPO, Validator: w.validateRejectPO},
	)
}

// validInput refuses an input the process can never run with.
func validInput(in Input) error {
	switch {
	case !models.ValidOrderReference(in.Reference):
		return fmt.Errorf("reference %q is not an order reference", in.Reference)
	case in.SiteID == 0 || in.CustomerID == 0 || in.SiteNumber == "" || in.CustomerNumber == "":
		return fmt.Errorf("site and customer are required")
	case in.Buyer.ID == 0 || in.Buyer.Email == "":
		return fmt.Errorf("the buyer is required")
	case in.CheckoutID == 0:
		return fmt.Errorf("the checkout is required")
	case in.Timers.PORemindAfter <= 0 || in.Timers.POExpireAfter <= in.Timers.PORemindAfter || in.Timers.DeclinedExpireAfter <= 0:
		return fmt.Errorf("timers: reminder and expiries must be positive, the reminder before the expiry")
	}
	return nil
}

// run is the process, top to bottom.
func (w *orderFlow) run(ctx workflow.Context) error {
	if err := w.open(ctx); err != nil {
		return err
	}
	for w.state.Status != models.OrderPaid {
		var err error
		switch {
		case w.state.Status == models.OrderPaymentDeclined:
			err = w.awaitNewPayment(ctx)
		case w.state.Payment.Method == models.PayPurchaseOrder:
			err = w.awaitPO(ctx)
		default:
			err = w.payByCard(ctx)
		}
		if err != nil {
			return err
		}
		if w.state.Status.Final() {
			return nil
		}
	}
	return w.fulfil(ctx)
}

// open locks the checkout's snapshot and prices and records the order's
// first row (OpenOrder, one transaction), then releases the submit
// updates. A checkout that cannot become an order ends the workflow
// without a row, with the reasons.
func (w *orderFlow) open(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	var opened Opened
	err := workflow.ExecuteActivity(policy.Database(ctx), ActivityOpenOrder, w.in).Get(ctx, &opened)
	if err != nil {
		// The search attributes say the run was refused, so a filter on
		// ProcessStatus never lists it as a live order.
		if serr := workflow.UpsertTypedSearchAttributes(ctx, temporalx.ProcessStatus.ValueSet(StatusRefused)); serr != nil {
			w.fail(ctx, stepSearchAttributes, serr)
		}
		if policy.ErrorType(err) == ErrNotReady {
			w.submitErr = err
		} else {
			errType, _ := policy.Describe(err)
			w.submitErr = temporal.NewNonRetryableApplicationError(
				fmt.Sprintf("the order could not be recorded (%s)", errType), ErrNotRecorded, err)
		}
		return w.submitErr
	}
	w.state.Total, w.state.Payment, w.state.Quotes = opened.Total, opened.Payment, opened.Quotes
	w.state.Since = workflow.Now(ctx)
	w.submitted = true
	w.upsertSearchAttributes(ctx)
	return nil
}

// submitUpdate answers with the order once it is opened, or with the
// reason it cannot be; a repeated submit answers the same.
func (w *orderFlow) submitUpdate(ctx workflow.Context) (State, error) {
	if err := workflow.Await(ctx, func() bool { return w.submitted || w.submitErr != nil }); err != nil {
		return w.view(), fmt.Errorf("await opening: %w", err)
	}
	if w.submitErr != nil {
		return w.view(), w.submitErr
	}
	return w.view(), nil
}

// fulfil creates or extends the coverage and issues the Proof of
// Entitlement (FulfilOrder, one transaction), then queues the emails and
// tells the quotes. If fulfilment fails for good the payment is refunded,
// in a context the workflow's cancellation cannot stop.
func (w *orderFlow) fulfil(ctx workflow.Context) error {
	var done Fulfilled
	err := workflow.ExecuteActivity(policy.Database(ctx), ActivityFulfil,
		Fulfilment{Reference: w.in.Reference, Day: workflow.Now(ctx)}).Get(ctx, &done)
	if err != nil {
		return w.compensate(ctx, err)
	}
	next := w.next()
	next.Status, next.DocumentNumber = models.OrderFulfilled, done.DocumentNumber
	if err := w.commitLocked(ctx, next, nil); err != nil {
		return fmt.Errorf("record fulfilled: %w", err)
	}
	w.notify(ctx, "confirmation", "order_confirmation", AudienceBuyer)
	w.notify(ctx, "poe", "order_poe", AudiencePoE)
	if len(w.state.Quotes) > 0 {
		err := workflow.ExecuteActivity(policy.Notice(ctx), ActivitySettleQuotes,
			Settlement{Reference: w.in.Reference, Quotes: w.state.Quotes}).Get(ctx, nil)
		if err != nil {
			w.fail(ctx, stepSettle, err)
		}
	}
	next = w.next()
	next.Status = models.OrderCompleted
	if err := w.commitLocked(ctx, next, nil); err != nil {
		return fmt.Errorf("record completed: %w", err)
	}
	return nil
}

// compensate ends an order whose fulfilment failed for good (or whose
// capture could not be recorded): the capture is refunded (the order ends refunded) or, with nothing captured (a
// purchase order), the order is cancelled; the buyer is told why.
func (w *orderFlow) compensate(ctx workflow.Context, cause error) error {
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	_, msg := policy.Describe(cause)
	reason := "the order could not be fulfilled: " + msg
	next := w.next()
	next.Reason = reason
	var event *PaymentEvent
	if w.state.CaptureID != "" {
		key := RefundKey(w.in.Reference)
		var res ChargeResult
		err := workflow.ExecuteActivity(policy.Payment(dctx), ActivityRefund,
			Charge{Reference: w.in.Reference, Key: key, PaymentID: w.state.CaptureID, Amount: w.state.Total}).Get(dctx, &res)
		if err != nil || res.Declined() {
			// The money is still taken: fail visibly for an operator.
			return temporal.NewNonRetryableApplicationError(
				fmt.Sprintf("refund of %s after failed fulfilment did not succeed (%v %s)", w.in.Reference, err, res.DeclineReason), ErrFulfilment, cause)
		}
		next.Status = models.OrderRefunded
		event = &PaymentEvent{Attempt: w.state.Attempt, Step: "refund", Key: key, Succeeded: true, GatewayID: res.ID,
			Amount: w.state.Total, Reason: reason, Actor: SystemActor}
	} else {
		next.Status = models.OrderCancelled
	}
	if err := w.commitLocked(dctx, next, event); err != nil {
		return fmt.Errorf("record %s: %w", next.Status, err)
	}
	w.notify(dctx, string(next.Status), "order_"+string(next.Status), AudienceBuyer)
	return nil
}

// next is a copy of the state to change.
func (w *orderFlow) next() State {
	n := w.state
	n.Quotes = slices.Clone(w.state.Quotes)
	return n
}

// commitLocked takes the write lock and commits.
func (w *orderFlow) commitLocked(ctx workflow.Context, next State, event *PaymentEvent) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	return w.commit(ctx, next, event)
}

// commit writes next (and the payment event) to Postgres and only then
// makes it the workflow's state and upserts the search attributes, so the
// read model, the status query and ProcessStatus move together. On error
// nothing changed. The caller holds the write lock.
func (w *orderFlow) commit(ctx workflow.Context, next State, event *PaymentEvent) error {
	if next.Status != w.state.Status {
		next.Since = workflow.Now(ctx)
	}
	rec := Record{Input: w.in, State: next, Event: event}
	if err := workflow.ExecuteLocalActivity(policy.LocalDatabase(ctx), ActivityRecordOrder, rec).Get(ctx, nil); err != nil {
		return fmt.Errorf("record %s: %w", next.Status, err)
	}
	w.state = next
	w.upsertSearchAttributes(ctx)
	return nil
}

func (w *orderFlow) upsertSearchAttributes(ctx workflow.Context) {
	sa := []temporal.SearchAttributeUpdate{
		temporalx.OrderRef.ValueSet(w.in.Reference),
		temporalx.SiteNumber.ValueSet(w.in.SiteNumber),
		temporalx.CustomerNumber.ValueSet(w.in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(w.state.Status)),
	}
	if len(w.state.Quotes) > 0 {
		sa = append(sa, temporalx.QuoteNumber.ValueSet(w.state.Quotes[0].Number))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, sa...); err != nil {
		w.fail(ctx, stepSearchAttributes, err)
	}
}

// view is the state with the failures so far.
func (w *orderFlow) view() State {
	v := w.state
	v.Failures = append([]Failure(nil), w.failures...)
	return v
}
