// Package quote is the quote process (SPEC E2, E4), one workflow
// `quote/<quote number>` for both kinds: a sales quote the customer asks its
// sales rep for, and a renewal quote the renewal process issues from the
// coverage due. The rep prices it (version 1), the customer is told, and it
// is open until it expires (the customer reminded a few days before),
// unless it is ordered, cancelled by the customer or declined by the rep.
// On an open quote the customer may ask for a change (remove lines, change
// quantities); the rep answers with a revision (version n+1) or declines
// the change, and the previous version stands. The workflow owns the
// quote's rows: it records the first one (on the submit update) and every
// transition through activities.Quotes. Deterministic code only.
package quote

import (
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// Steps: outbox key suffixes and the names of failures.
const (
	stepRequested        = "requested"
	stepIssued           = "issued"
	stepRemind           = "remind"
	stepExpired          = "expired"
	stepDeclined         = "declined"
	stepCancelled        = "cancelled"
	stepOrdered          = "ordered"
	stepSearchAttributes = "search-attributes"
)

type quoteFlow struct {
	in    Input
	state State
	// failures are kept apart from state and joined in view().
	failures []Failure
	// mu serialises the database writes of run() and of the handlers.
	mu workflow.Mutex
	// submitAsked is set by the first submit update; submitted once the
	// first row is recorded (or on a continued run), submitErr if it
	// never will be.
	submitAsked bool
	submitted   bool
	submitErr   error
	// gen counts the recorded transitions: run() wakes when it moves.
	gen int
	// notices counts notices in flight; the workflow waits for them.
	notices int
	// remindGivenUp is the version whose reminder could not be recorded.
	remindGivenUp int
}

// Workflow is the workflow function.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	return newQuote(in).execute(ctx)
}

func newQuote(in Input) *quoteFlow {
	w := &quoteFlow{in: in, state: State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteRequested}}
	if in.Carried != nil {
		w.state, w.submitted, w.submitAsked = *in.Carried, true, true
		w.failures, w.state.Failures = w.state.Failures, nil
		w.in.Carried = nil
	}
	return w
}

// execute runs the process and, on every path, waits for the update
// handlers and the notices in flight before returning or continuing as new.
func (w *quoteFlow) execute(ctx workflow.Context) (State, error) {
	err := w.setup(ctx)
	if err == nil {
		err = w.run(ctx)
	}
	err = policy.AwaitHandlers(ctx, func() bool { return w.notices == 0 }, err)
	if err == nil && !w.state.Status.Final() {
		// Continue as new (run() only returns early when it is suggested).
		next := w.in
		carried := w.view()
		next.Carried = &carried
		return carried, workflow.NewContinueAsNewError(ctx, WorkflowName, next)
	}
	return w.view(), err
}

func (w *quoteFlow) setup(ctx workflow.Context) error {
	if err := validInput(w.in); err != nil {
		return temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrInvalidInput, nil)
	}
	if is := w.in.Issue; is != nil && !w.submitted {
		_, _, err := w.priceIssue(*is)
		if err == nil {
			err = checkValidity(workflow.Now(ctx), *is)
		}
		if err != nil {
			return temporal.NewNonRetryableApplicationError("issue: "+err.Error(), policy.ErrInvalidInput, nil)
		}
	}
	w.mu = workflow.NewMutex(ctx)
	return policy.RegisterHandlers(ctx, QueryStatus, w.view,
		policy.Update{Name: UpdateSubmit, Fn: w.submitUpdate, Validator: w.validateSubmit},
		policy.Update{Name: UpdateIssue, Fn: w.issue, Validator: w.validateIssue},
		policy.Update{Name: UpdateDecline, Fn: w.decline, Validator: w.validateDecline},
		policy.Update{Name: UpdateRequestChange, Fn: w.requestChange, Validator: w.validateChange},
		policy.Update{Name: UpdateDeclineChange, Fn: w.declineChange, Validator: w.validateDeclineChange},
		policy.Update{Name: UpdateCancel, Fn: w.cancel, Validator: w.validateCancel},
		policy.Update{Name: UpdateOrder, Fn: w.order, Validator: w.validateOrder},
	)
}

// validInput refuses an input the process can never run with.
func validInput(in Input) error {
	switch {
	case !models.ValidQuoteNumber(in.QuoteNumber):
		return fmt.Errorf("quote number %q is not a quote number", in.QuoteNumber)
	case !in.Kind.Valid():
		return fmt.Errorf("kind %q is not sales or renewal", in.Kind)
	case in.SiteID == 0 || in.CustomerID == 0 || in.SiteNumber == "" || in.CustomerNumber == "":
		return fmt.Errorf("site and customer are required")
	case in.Rep.ID == 0 || in.Rep.Email == "":
		return fmt.Errorf("the rep is required")
	case in.Kind == models.QuoteSales && (in.Requester == nil || in.Requester.ID == 0 || in.Requester.Email == ""):
		return fmt.Errorf("a sales quote needs its requester")
	case in.Issue == nil && len(in.Lines) == 0:
		return fmt.Errorf("a quote needs lines or an issue")
	case in.Timers.RemindBefore < 0:
		return fmt.Errorf("remind_before must not be negative")
	}
	if _, ok := models.MinorDigits(in.Currency); !ok {
		return fmt.Errorf("currency %q is not one the product prices in", in.Currency)
	}
	seen := map[int64]bool{}
	for i, l := range in.Lines {
		if l.ProductID == 0 || l.PartNumber == "" || seen[l.ProductID] {
			return fmt.Errorf("line %d: a product once per quote", i+1)
		}
		seen[l.ProductID] = true
		if err := models.CheckQuantity(fmt.Sprintf("lines[%d].quantity", i), l.Quantity); err != nil {
			return err
		}
	}
	return nil
}

// run is the process, top to bottom. It returns when the quote is final,
// or early when Temporal suggests continuing as new (execute does it).
func (w *quoteFlow) run(ctx workflow.Context) error {
	if !w.submitted {
		if err := w.submit(ctx); err != nil {
			return err
		}
		if w.in.Issue != nil {
			if err := w.issueAtOnce(ctx); err != nil {
				return err
			}
		} else {
			w.notify(ctx, stepRequested, "quote_requested", AudienceRep, nil, nil, "")
		}
	}
	for !w.state.Status.Final() {
		if workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
			return nil
		}
		if err := w.step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// step waits for the next thing to happen: a recorded transition, the
// reminder, the expiry, or a suggestion to continue as new.
func (w *quoteFlow) step(ctx workflow.Context) error {
	gen := w.gen
	moved := func() bool { return w.gen != gen || workflow.GetInfo(ctx).GetContinueAsNewSuggested() }
	st := w.state
	if st.ValidUntil.IsZero() { // requested: waiting for the rep to price it
		if err := workflow.Await(ctx, moved); err != nil {
			return fmt.Errorf("await the rep: %w", err)
		}
		return nil
	}
	now := workflow.Now(ctx)
	remindAt := st.ValidUntil.Add(-w.in.Timers.RemindBefore)
	due := st.ValidUntil
	remind := st.Status == models.QuoteOpen && !st.Reminded && w.in.Timers.RemindBefore > 0 && w.remindGivenUp != st.Version
	if remind {
		due = remindAt
	}
	if now.Before(due) {
		if woke, err := workflow.AwaitWithTimeout(ctx, due.Sub(now), moved); err != nil || woke {
			if err != nil {
				return fmt.Errorf("await %s: %w", st.Status, err)
			}
			return nil
		}
	}
	if remind {
		w.remind(ctx, st.Version)
		return nil
	}
	return w.expire(ctx)
}

// submit records the quote's first row and releases the submit update.
func (w *quoteFlow) submit(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if err := w.commit(ctx, w.state); err != nil {
		errType, _ := policy.Describe(err)
		w.submitErr = temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("the quote could not be recorded (%s)", errType), ErrNotRecorded, err)
		return w.submitErr
	}
	w.submitted = true
	return nil
}

// issueAtOnce issues the input's version 1 (a renewal quote); a version
// that cannot be recorded fails the workflow, visibly.
func (w *quoteFlow) issueAtOnce(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if _, err := w.issueLocked(ctx, *w.in.Issue); err != nil {
		return fmt.Errorf("automatic issue: %w", err)
	}
	return nil
}

// remind tells the customer that version v expires soon, once, if it is
// still open and current.
func (w *quoteFlow) remind(ctx workflow.Context, v int) {
	if err := w.mu.Lock(ctx); err != nil {
		w.fail(ctx, stepRemind, err)
		return
	}
	defer w.mu.Unlock()
	if w.state.Status != models.QuoteOpen || w.state.Version != v || w.state.Reminded {
		return
	}
	next := w.next()
	next.Reminded = true
	if err := w.commit(ctx, next); err != nil {
		// The reminder is a courtesy: without its record, the clock goes on
		// to the expiry without it.
		w.fail(ctx, versionStep(stepRemind, v), err)
		w.remindGivenUp = v
		return
	}
	cur, _ := w.state.Current()
	w.notify(ctx, versionStep(stepRemind, v), "quote_reminder", AudienceCustomer, &cur, nil, "")
}

// expire ends a quote whose validity has passed (a revision issued at the
// same moment wins: its validity is later). If even that cannot be
// recorded the workflow fails, visibly.
func (w *quoteFlow) expire(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if w.state.Status.Final() || workflow.Now(ctx).Before(w.state.ValidUntil) {
		return nil
	}
	next := w.next()
	next.Status = models.QuoteExpired
	closePending(&next, workflow.Now(ctx))
	if err := w.commit(ctx, next); err != nil {
		return fmt.Errorf("expire: %w", err)
	}
	cur, _ := w.state.Current()
	w.notify(ctx, stepExpired, "quote_expired", AudienceCustomer, &cur, nil, "")
	return nil
}

// closePending closes a change request left unanswered by a final status.
func closePending(s *State, at time.Time) {
	if n := len(s.Changes); n > 0 && s.Changes[n-1].Status == models.ChangePending {
		s.Changes[n-1].Status, s.Changes[n-1].AnsweredAt = models.ChangeClosed, at
		s.Changes[n-1].AnswerReason = "the quote is " + string(s.Status)
	}
}

// next is a copy of the state to change: its slices are copied, so a
// change that is not recorded leaves the state as it was.
func (w *quoteFlow) next() State {
	n := w.state
	n.Versions = slices.Clone(w.state.Versions)
	n.Changes = slices.Clone(w.state.Changes)
	return n
}

// commit writes next to Postgres and only then makes it the workflow's
// state and upserts the search attributes, so the read model, the status
// query and ProcessStatus move together. On error nothing changed.
func (w *quoteFlow) commit(ctx workflow.Context, next State) error {
	rec := Record{Input: w.in, State: next}
	if err := workflow.ExecuteLocalActivity(policy.LocalDatabase(ctx), ActivityRecordQuote, rec).Get(ctx, nil); err != nil {
		return fmt.Errorf("record %s: %w", next.Status, err)
	}
	w.state = next
	w.gen++
	err := workflow.UpsertTypedSearchAttributes(ctx,
		temporalx.QuoteNumber.ValueSet(w.in.QuoteNumber),
		temporalx.SiteNumber.ValueSet(w.in.SiteNumber),
		temporalx.CustomerNumber.ValueSet(w.in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(w.state.Status)),
	)
	if err != nil {
		w.fail(ctx, stepSearchAttributes, err)
	}
	return nil
}

// view is the state with the failures so far.
func (w *quoteFlow) view() State {
	v := w.state
	v.Failures = append([]Failure(nil), w.failures...)
	return v
}
