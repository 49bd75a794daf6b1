// Package accessrequest is the access-request process: a self-nomination
// to a site (SPEC C1–C6) or a support-access request to an account (D2).
// The workflow owns the request's row: it records it (on the submit
// update), every transition and the outcome, through the activities of
// activities.Requests and activities.Notices. Deterministic code only.
package accessrequest

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// changeWorkflowOwnsRow gates the command sequence introduced with the
// workflow-owned row (issue 7): notices that do not hold up the timers and
// an approval granted and recorded by one local activity. Histories
// recorded before it (DefaultVersion) replay the old sequence.
const (
	changeWorkflowOwnsRow                   = "workflow-owns-row"
	versionWorkflowOwnsRow workflow.Version = 1
)

// Steps: the outbox key suffixes and the names of failures.
const (
	stepNotifyApprovers     = "notify-approvers"
	stepRemindApprovers     = "remind-approvers"
	stepEscalateSecondaries = "escalate-secondaries"
	stepRemind              = "remind"
	stepEscalate            = "escalate"
	stepSearchAttributes    = "search-attributes"
)

type accessRequest struct {
	in    Input
	state State
	// failures are kept apart from state (a decision replaces state when
	// its write commits) and joined in view().
	failures []Failure
	// getVersion reads the version gate; tests replace it to prove the gate
	// is needed.
	getVersion func(workflow.Context) workflow.Version
	version    workflow.Version
	// mu serialises the database writes of run() and of the handlers, so a
	// write never races another one.
	mu    workflow.Mutex
	start time.Time

	// decided is set synchronously by the decide and withdraw handlers and
	// by expiry, before they block, so a second decision is refused at
	// once; a decision whose write is refused sets it back. decidedAs is
	// the outcome being recorded, for the refusal's message.
	decided   bool
	decidedAs models.RequestStatus
	// submitAsked is set by the first submit update; submitted once the
	// first row is recorded, submitErr if it never will be.
	submitAsked bool
	submitted   bool
	submitErr   error
	// requesterNotice is the template of the outcome email to the requester.
	requesterNotice string
	// notices counts notices in flight; the workflow waits for them.
	notices int
}

// Workflow is the workflow function.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	return newAccessRequest(in).execute(ctx)
}

func newAccessRequest(in Input) *accessRequest {
	return &accessRequest{
		in:    in,
		state: State{RequestID: in.RequestID, Kind: in.Kind, Status: models.StatusPending},
		getVersion: func(ctx workflow.Context) workflow.Version {
			return workflow.GetVersion(ctx, changeWorkflowOwnsRow, workflow.DefaultVersion, versionWorkflowOwnsRow)
		},
	}
}

// execute runs the process and, on every path, waits for the update
// handlers and the notices in flight before returning.
func (w *accessRequest) execute(ctx workflow.Context) (State, error) {
	err := w.setup(ctx)
	if err == nil {
		err = w.run(ctx)
	}
	// The process's own error is what the workflow fails with.
	err = policy.AwaitHandlers(ctx, func() bool { return w.notices == 0 }, err)
	return w.view(), err
}

func (w *accessRequest) setup(ctx workflow.Context) error {
	in := w.in
	if in.RequestID == "" || in.Requester.Email == "" || in.CustomerID == 0 || in.RequesterID == 0 {
		return temporal.NewNonRetryableApplicationError("request id, requester and customer are required", policy.ErrInvalidInput, nil)
	}
	if in.Kind == models.KindNomination && in.SiteID == 0 {
		return temporal.NewNonRetryableApplicationError("a nomination needs a site", policy.ErrInvalidInput, nil)
	}
	t := in.Timers
	if !(t.RemindAfter > 0 && t.RemindAfter < t.EscalateAfter && t.EscalateAfter < t.ExpireAfter) {
		return temporal.NewNonRetryableApplicationError("timers must be positive and increasing", policy.ErrInvalidInput, nil)
	}
	w.mu = workflow.NewMutex(ctx)
	return policy.RegisterHandlers(ctx, QueryStatus, w.view,
		policy.Update{Name: UpdateSubmit, Fn: w.submitUpdate, Validator: w.validateSubmit},
		policy.Update{Name: UpdateDecide, Fn: w.decide, Validator: w.validateDecision},
		policy.Update{Name: UpdateWithdraw, Fn: w.withdraw, Validator: w.validateWithdrawal},
	)
}

// run is the process, top to bottom.
func (w *accessRequest) run(ctx workflow.Context) error {
	w.version = w.getVersion(ctx)
	w.start = workflow.Now(ctx)
	if err := w.submit(ctx); err != nil {
		return err
	}
	w.notify(ctx, stepNotifyApprovers, "request_new", AudienceApprovers)

	t := w.in.Timers
	steps := []struct {
		at  time.Duration
		act func(workflow.Context) error
	}{
		{t.RemindAfter, w.remind},
		{t.EscalateAfter, w.escalate},
		{t.ExpireAfter, w.expire},
	}
	for _, s := range steps {
		wait := w.start.Add(s.at).Sub(workflow.Now(ctx))
		finalized, err := workflow.AwaitWithTimeout(ctx, wait, func() bool { return w.state.Finalized })
		if err != nil {
			return fmt.Errorf("await decision: %w", err)
		}
		if !finalized {
			// The step is due; a decision being recorded settles first (its
			// write may be refused, leaving the request pending).
			if finalized, err = w.settle(ctx); err != nil {
				return err
			}
		}
		if finalized {
			break
		}
		if err := s.act(ctx); err != nil {
			return err
		}
	}
	// The outcome's handler finalizes; wait for it, for every handler and
	// for the notices still in flight (so the approvers' emails are queued
	// before the outcome's), then tell the requester (C4).
	if err := workflow.Await(ctx, func() bool {
		return w.state.Finalized && workflow.AllHandlersFinished(ctx) && w.notices == 0
	}); err != nil {
		return fmt.Errorf("await handlers: %w", err)
	}
	if w.requesterNotice != "" {
		w.notify(ctx, "notify-requester-"+string(w.state.Status), w.requesterNotice, AudienceRequester)
	}
	return nil
}

// settle waits until no decision is in flight and reports whether the
// request is finalized.
func (w *accessRequest) settle(ctx workflow.Context) (bool, error) {
	if err := workflow.Await(ctx, func() bool { return !w.decided || w.state.Finalized }); err != nil {
		return false, fmt.Errorf("await decision: %w", err)
	}
	return w.state.Finalized, nil
}

// submit records the request's first row (status pending) and releases
// the submit update waiting for it.
func (w *accessRequest) submit(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	if err := w.commit(ctx, w.state, "request.submit", w.in.Requester.Email); err != nil {
		errType, _ := policy.Describe(err)
		w.submitErr = temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("the request could not be recorded (%s)", errType), ErrNotRecorded, err)
		return w.submitErr
	}
	w.submitted = true
	return nil
}

// remind and escalate record the step, then notify. A decision that
// arrives meanwhile waits for the write (the mutex) and wins: no reminder
// or escalation is sent once it is recorded.
func (w *accessRequest) remind(ctx workflow.Context) error {
	w.progress(ctx, stepRemind, func(s *State) { s.Reminded = true }, "")
	if finalized, err := w.settle(ctx); err != nil || finalized {
		return err
	}
	w.notify(ctx, stepRemindApprovers, "request_reminder", AudienceApprovers)
	return nil
}

func (w *accessRequest) escalate(ctx workflow.Context) error {
	w.progress(ctx, stepEscalate, func(s *State) { s.Escalated = true }, "request.escalate")
	if finalized, err := w.settle(ctx); err != nil || finalized {
		return err
	}
	w.notify(ctx, stepEscalateSecondaries, "request_escalated", AudienceSecondaries)
	return nil
}

// progress records a step of the clock. A write that fails for good is a
// failure the process goes on without: the read model misses the step.
func (w *accessRequest) progress(ctx workflow.Context, step string, change func(*State), action string) {
	if err := w.mu.Lock(ctx); err != nil {
		w.fail(ctx, step, err)
		return
	}
	defer w.mu.Unlock()
	if w.state.Finalized {
		return // decided meanwhile: the outcome stands
	}
	next := w.state
	change(&next)
	if err := w.commit(ctx, next, action, "system"); err != nil {
		w.fail(ctx, step, err)
	}
}

// expire ends an undecided request. If even that cannot be recorded the
// workflow fails (visibly); the pending row is closed as stale by the
// user's next request.
func (w *accessRequest) expire(ctx workflow.Context) error {
	w.decided, w.decidedAs = true, models.StatusExpired
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer w.mu.Unlock()
	next := w.state
	next.Status, next.Finalized = models.StatusExpired, true
	if err := w.commit(ctx, next, "request.expire", "system"); err != nil {
		return fmt.Errorf("expire: %w", err)
	}
	w.requesterNotice = "request_expired"
	return nil
}

// commit writes next to Postgres (with the audit row of action; on an
// approval, with the grant) and only then makes it the workflow's state
// and upserts the search attributes, so the read model, the status query
// and ProcessStatus move together. On error nothing changed.
func (w *accessRequest) commit(ctx workflow.Context, next State, action, actor string) error {
	rec := RequestRecord{Input: w.in, State: next, AuditAction: action, Actor: actor}
	lctx := policy.LocalDatabase(ctx)
	var err error
	switch {
	case next.Status == models.StatusApproved && w.version >= versionWorkflowOwnsRow:
		err = workflow.ExecuteLocalActivity(lctx, ActivityApproveRequest, rec).Get(ctx, nil)
	case next.Status == models.StatusApproved:
		// Histories recorded before the change: grant, then record (two
		// transactions; only the new path can refuse an approval cleanly).
		if err = workflow.ExecuteLocalActivity(lctx, ActivityGrantRequest, rec).Get(ctx, nil); err == nil {
			err = workflow.ExecuteLocalActivity(lctx, ActivityRecordRequest, rec).Get(ctx, nil)
		}
	default:
		err = workflow.ExecuteLocalActivity(lctx, ActivityRecordRequest, rec).Get(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("record %s: %w", next.Status, err)
	}
	w.state = next
	sa := []temporal.SearchAttributeUpdate{
		temporalx.CustomerNumber.ValueSet(w.in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(w.state.Status)),
	}
	if w.in.SiteNumber != "" {
		sa = append(sa, temporalx.SiteNumber.ValueSet(w.in.SiteNumber))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, sa...); err != nil {
		w.fail(ctx, stepSearchAttributes, err)
	}
	return nil
}

// view is the state with the failures so far.
func (w *accessRequest) view() State {
	v := w.state
	v.Failures = append([]Failure(nil), w.failures...)
	return v
}
