package renewal

import (
	"fmt"
	"slices"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

// stepSearchAttributes names the failure of a search attribute upsert;
// the other steps are the calendar's (models.Step…, reminder-60d) and the
// channel choices' (channel-<n>-<channel>).
const stepSearchAttributes = "search-attributes"

type renewalFlow struct {
	in    Input
	state State
	// failures are kept apart from state and joined in view().
	failures []Failure
	// mu serialises the database writes of run() and of the handlers.
	mu workflow.Mutex
	// started once the first row is recorded (or on a continued run);
	// startErr if it never will be.
	started  bool
	startErr error
	// resume splits the calendar: the run continued as new stopped there.
	resume time.Time
	// verifying is set while a verification is in flight: a second one
	// is refused before the first is recorded.
	verifying bool
	// notices counts notices in flight; the workflow waits for them.
	notices int
}

// Workflow is the workflow function.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	return newRenewal(in).execute(ctx)
}

func newRenewal(in Input) *renewalFlow {
	w := &renewalFlow{in: in, state: State{Status: models.RenewalScheduled, Channel: models.ChannelOnline}}
	if in.Carried != nil {
		w.state, w.started = *in.Carried, true
		w.failures, w.state.Failures = w.state.Failures, nil
		w.resume = in.Resume
	}
	w.in.Carried, w.in.Resume = nil, time.Time{}
	return w
}

// execute runs the process and, on every path, waits for the update
// handlers and the notices in flight before returning or continuing as new.
func (w *renewalFlow) execute(ctx workflow.Context) (State, error) {
	err := w.setup(ctx)
	if err == nil {
		err = w.run(ctx)
	}
	err = policy.AwaitHandlers(ctx, func() bool { return w.notices == 0 }, err)
	if err == nil && !w.state.Status.Final() {
		// Continue as new (run() only returns early when it is suggested),
		// from where this run stopped on the calendar.
		next := w.in
		carried := w.view()
		next.Carried, next.Resume = &carried, w.resume
		return carried, workflow.NewContinueAsNewError(ctx, WorkflowName, next)
	}
	return w.view(), err
}

func (w *renewalFlow) setup(ctx workflow.Context) error {
	if err := validInput(w.in); err != nil {
		return temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrInvalidInput, nil)
	}
	w.mu = workflow.NewMutex(ctx)
	return policy.RegisterHandlers(ctx, QueryStatus, w.view,
		policy.Update{Name: UpdateVerifyContacts, Fn: w.verify, Validator: w.validateVerify},
		policy.Update{Name: UpdateChooseChannel, Fn: w.chooseChannel, Validator: w.validateChannel},
		policy.Update{Name: UpdateExternalOrder, Fn: w.externalOrder, Validator: w.validateExternalOrder},
		policy.Update{Name: UpdateOrdered, Fn: w.ordered, Validator: w.validateOrdered},
	)
}

// validInput refuses an input the process can never run with.
func validInput(in Input) error {
	o := in.Offsets
	switch {
	case in.SiteID == 0 || in.CustomerID == 0 || in.SiteNumber == "" || in.CustomerNumber == "":
		return fmt.Errorf("site and customer are required")
	case in.DueDate.IsZero():
		return fmt.Errorf("the due date is required")
	case o.Quote <= 0 || o.Verification < o.Quote:
		return fmt.Errorf("offsets: the quote must be before the due date, the verification not after the quote")
	case in.QuoteRemindBefore < 0:
		return fmt.Errorf("quote_remind_before must not be negative")
	}
	seen := map[string]bool{}
	for _, r := range o.Reminders {
		if r <= 0 || r >= o.Quote || seen[models.ReminderStep(r)] {
			return fmt.Errorf("offsets: reminder %v must be after the quote, before the due date, once", r)
		}
		seen[models.ReminderStep(r)] = true
	}
	return nil
}

// run is the process, top to bottom: the calendar's steps still ahead, in
// order, each at its time, until the renewal is final (an update may end
// it while a step waits). It returns early when Temporal suggests
// continuing as new (execute does it).
func (w *renewalFlow) run(ctx workflow.Context) error {
	split := w.resume
	if split.IsZero() {
		split = workflow.Now(ctx)
	}
	ahead, skipped := models.RenewalCalendar(w.in.DueDate, w.in.Offsets, split)
	if !w.started {
		if err := w.start(ctx, skipped); err != nil {
			return err
		}
	}
	for _, s := range ahead {
		if w.state.Status.Final() {
			return nil
		}
		if w.done(s.Name) {
			continue
		}
		reached, err := w.waitFor(ctx, s)
		if err != nil {
			return err
		}
		if !reached {
			if !w.state.Status.Final() {
				w.resume = workflow.Now(ctx) // s is still ahead of the next run
			}
			return nil
		}
		if err := w.step(ctx, s.Name); err != nil {
			return err
		}
	}
	return nil
}

// done reports whether a step still ahead on the calendar has nothing left
// to do in this run (a continued run's quote is issued already).
func (w *renewalFlow) done(step string) bool {
	switch step {
	case models.StepQuote:
		return w.state.QuoteNumber != ""
	case models.StepVerification:
		return w.state.Status != models.RenewalScheduled
	case models.StepLapse:
		return w.state.Status.Final()
	}
	return slices.Contains(w.state.RemindersSent, step)
}

// waitFor waits for s's time; reached is false when the renewal ended
// meanwhile or Temporal suggests continuing as new.
func (w *renewalFlow) waitFor(ctx workflow.Context, s models.CalendarStep) (reached bool, err error) {
	d := s.At.Sub(workflow.Now(ctx))
	if d <= 0 {
		return true, nil
	}
	woke, err := workflow.AwaitWithTimeout(ctx, d, func() bool {
		return w.state.Status.Final() || workflow.GetInfo(ctx).GetContinueAsNewSuggested()
	})
	if err != nil {
		return false, fmt.Errorf("await %s: %w", s.Name, err)
	}
	return !woke, nil
}

// step runs one calendar step at its time.
func (w *renewalFlow) step(ctx workflow.Context, name string) error {
	switch name {
	case models.StepVerification:
		w.askVerification(ctx)
		return nil
	case models.StepQuote:
		return w.issueQuote(ctx)
	case models.StepLapse:
		return w.lapse(ctx)
	}
	return w.remind(ctx, name)
}

// start records the renewal's first row, with the steps a late start
// skipped, and releases the handlers. A row that cannot be recorded fails
// the workflow, visibly.
func (w *renewalFlow) start(ctx workflow.Context, skipped []models.CalendarStep) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	next := w.next()
	for _, s := range skipped {
		next.Skipped = append(next.Skipped, s.Name)
	}
	if err := w.commit(ctx, next); err != nil {
		errType, _ := policy.Describe(err)
		w.startErr = temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("the renewal could not be recorded (%s)", errType), ErrNotRecorded, err)
		return w.startErr
	}
	w.started = true
	return nil
}

// askVerification asks the Primary to verify the site's contacts (a
// courtesy: without its record the clock goes on).
func (w *renewalFlow) askVerification(ctx workflow.Context) {
	if err := w.mu.Lock(ctx); err != nil {
		w.fail(ctx, models.StepVerification, err)
		return
	}
	defer w.mu.Unlock()
	if w.state.Status != models.RenewalScheduled {
		return
	}
	next := w.next()
	next.Status = models.RenewalVerifying
	if err := w.commit(ctx, next); err != nil {
		w.fail(ctx, models.StepVerification, err)
		return
	}
	if !w.state.Verified {
		w.notify(ctx, models.StepVerification, TemplateVerifyContacts, AudiencePrimary, "")
	}
}

// issueQuote prepares the renewal quote (its number, the S&S lines due,
// priced for the site, the renewal rep) and starts it as a child workflow
// that outlives the renewal (the quote has its own clock and expires at
// the due date by itself), then records the renewal quoted and sends the
// renewal notice. A quote that cannot be prepared is a recorded failure
// (tried again at the next reminder); nothing left due ends the renewal
// renewed; a quoted renewal that cannot be recorded fails the workflow.
func (w *renewalFlow) issueQuote(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if w.state.QuoteNumber != "" || w.state.Status.Final() {
		return nil
	}
	var qin quote.Input
	err := workflow.ExecuteActivity(policy.Database(ctx), ActivityPrepareRenewalQuote, w.in).Get(ctx, &qin)
	if policy.ErrorType(err) == ErrNothingDue {
		next := w.next()
		next.Status = models.RenewalRenewed
		next.ClosedReason = "no S&S coverage of the site ends on " + w.due() + " any more: nothing left to renew"
		if err := w.commit(ctx, next); err != nil {
			return fmt.Errorf("record nothing due: %w", err)
		}
		return nil
	}
	if err != nil {
		w.fail(ctx, models.StepQuote, err)
		return nil
	}
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID:        quote.WorkflowID(qin.QuoteNumber),
		ParentClosePolicy: enumspb.PARENT_CLOSE_POLICY_ABANDON,
	})
	child := workflow.ExecuteChildWorkflow(cctx, quote.WorkflowName, qin)
	if err := child.GetChildWorkflowExecution().Get(ctx, nil); err != nil && !temporal.IsWorkflowExecutionAlreadyStartedError(err) {
		w.fail(ctx, models.StepQuote, err)
		return nil
	}
	// The quote lives on its own; should its process fail while the
	// renewal runs, the failure is visible here.
	workflow.Go(ctx, func(ctx workflow.Context) {
		if err := child.Get(ctx, nil); err != nil && !temporal.IsCanceledError(err) {
			w.fail(ctx, models.StepQuote, err)
		}
	})
	next := w.next()
	next.Status, next.QuoteNumber = models.RenewalQuoted, qin.QuoteNumber
	if err := w.commit(ctx, next); err != nil {
		return fmt.Errorf("record quoted: %w", err)
	}
	w.notify(ctx, models.StepQuote, TemplateNotice, AudienceRenewal, "")
	return nil
}

// remind reminds the renewal contacts of a quote not ordered yet, while
// the customer renews online (an off-line channel stops the reminders). A
// renewal whose quote could not be prepared tries the quote again instead.
func (w *renewalFlow) remind(ctx workflow.Context, step string) error {
	if w.state.QuoteNumber == "" {
		return w.issueQuote(ctx)
	}
	if err := w.mu.Lock(ctx); err != nil {
		w.fail(ctx, step, err)
		return nil
	}
	defer w.mu.Unlock()
	st := w.state
	if st.Status != models.RenewalQuoted || st.Channel != models.ChannelOnline || slices.Contains(st.RemindersSent, step) {
		return nil
	}
	next := w.next()
	next.RemindersSent = append(next.RemindersSent, step)
	if err := w.commit(ctx, next); err != nil {
		// A reminder is a courtesy: without its record, the clock goes on.
		w.fail(ctx, step, err)
		return nil
	}
	w.notify(ctx, step, TemplateReminder, AudienceRenewal, "")
	return nil
}

// lapse ends a renewal nothing was ordered for by the due date: the
// coverage ends by itself (its end date is the due date), the quote
// expires by itself; the renewal contacts are told. If even that cannot be
// recorded the workflow fails, visibly.
func (w *renewalFlow) lapse(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if w.state.Status.Final() {
		return nil
	}
	next := w.next()
	next.Status = models.RenewalLapsed
	next.ClosedReason = "nothing was ordered by the due date"
	if w.state.Status == models.RenewalAwaitingOrder {
		next.ClosedReason = "no order through the " + channelWords(w.state.Channel) + " was recorded by the due date"
	}
	if err := w.commit(ctx, next); err != nil {
		return fmt.Errorf("lapse: %w", err)
	}
	w.notify(ctx, models.StepLapse, TemplateLapsed, AudienceRenewal, "")
	return nil
}

func (w *renewalFlow) due() string { return w.in.DueDate.UTC().Format(DateLayout) }

// channelWords names an off-line channel in a sentence.
func channelWords(c models.RenewalChannel) string {
	if c == models.ChannelBusinessPartner {
		return "Business Partner"
	}
	return "renewal rep"
}

// next is a copy of the state to change: its slices are copied, so a
// change that is not recorded leaves the state as it was.
func (w *renewalFlow) next() State {
	n := w.state
	n.RemindersSent = slices.Clone(w.state.RemindersSent)
	n.Skipped = slices.Clone(w.state.Skipped)
	n.Failures = nil
	return n
}

// commit writes next to Postgres and only then makes it the workflow's
// state and upserts the search attributes, so the read model, the status
// query and ProcessStatus move together. On error nothing changed. The
// caller holds the write lock.
func (w *renewalFlow) commit(ctx workflow.Context, next State) error {
	rec := Record{Input: w.in, State: next}
	if err := workflow.ExecuteLocalActivity(policy.LocalDatabase(ctx), ActivityRecordRenewal, rec).Get(ctx, nil); err != nil {
		return fmt.Errorf("record %s: %w", next.Status, err)
	}
	w.state = next
	sa := []temporal.SearchAttributeUpdate{
		temporalx.SiteNumber.ValueSet(w.in.SiteNumber),
		temporalx.CustomerNumber.ValueSet(w.in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(w.state.Status)),
	}
	if w.state.QuoteNumber != "" {
		sa = append(sa, temporalx.QuoteNumber.ValueSet(w.state.QuoteNumber))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, sa...); err != nil {
		w.fail(ctx, stepSearchAttributes, err)
	}
	return nil
}

// view is the state with the failures so far.
func (w *renewalFlow) view() State {
	v := w.state
	v.Failures = append([]Failure(nil), w.failures...)
	return v
}
