package accessrequest

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
)

// WorkflowName is the registered name of the access-request
// workflow: a self-nomination (SPEC C1–C6) or a support-access request
// (D2). Both share one process: notify the approvers, wait for exactly one
// decision (reminding, escalating and finally expiring), grant on approval,
// tell the requester.
const WorkflowName = "AccessRequest"

// Query, update names of the access-request workflow.
const (
	QueryStatus    = "status"
	UpdateDecide   = "decide"
	UpdateWithdraw = "withdraw"
)

// Refusal types carried by update validation errors; the API maps them to
// HTTP statuses (409, 403, 422).
const (
	ErrAlreadyDecided  = "AlreadyDecided"  // 409
	ErrNotApprover     = "NotApprover"     // 403
	ErrAboveOwnLevel   = "AboveOwnLevel"   // 403
	ErrNotRequester    = "NotRequester"    // 403
	ErrInvalidDecision = "InvalidDecision" // 422
	// ErrGrantRefused is the GrantRequest activity's non-retryable failure
	// when granting would break a rule.
	ErrGrantRefused = "GrantRefused"
)

// NominationID is the business-key workflow ID of a self-nomination:
// the site and the requester's user id, never personal data (emails show
// in Temporal UI, search and outbox keys, where a codec cannot hide them).
func NominationID(siteNumber string, userID int64) string {
	return "nomination/" + siteNumber + "/" + strconv.FormatInt(userID, 10)
}

// SupportAccessID is the business-key workflow ID of a support-access
// request: the account and the requester's user id.
func SupportAccessID(customerNumber string, userID int64) string {
	return "support-access/" + customerNumber + "/" + strconv.FormatInt(userID, 10)
}

// Person is the requester as they described themselves (C1).
type Person struct {
	Email   string `json:"email"`
	Name    string `json:"name"`
	Company string `json:"company"`
	Phone   string `json:"phone"`
}

// Timers are the C5 reminder, escalation and expiry delays from the start.
type Timers struct {
	RemindAfter   time.Duration `json:"remind_after"`
	EscalateAfter time.Duration `json:"escalate_after"`
	ExpireAfter   time.Duration `json:"expire_after"`
}

// Input starts the workflow.
type Input struct {
	RequestID      string             `json:"request_id"` // public id (UUID) of the read-model row
	Kind           models.RequestKind `json:"kind"`
	SiteID         int64              `json:"site_id,omitempty"` // nominations only
	SiteNumber     string             `json:"site_number,omitempty"`
	CustomerID     int64              `json:"customer_id"`
	CustomerNumber string             `json:"customer_number"`
	RequesterID    int64              `json:"requester_id"`
	Requester      Person             `json:"requester"`
	Reason         string             `json:"reason"`
	Timers         Timers             `json:"timers"`
}

// Approver is the decider's standing, resolved by the API from the
// database when the decision is made.
type Approver struct {
	Email        string            `json:"email"`
	IsPrimary    bool              `json:"is_primary"`
	Privileges   models.Privileges `json:"privileges"`
	SupportAdmin bool              `json:"support_admin"`
}

// Decision is the argument of the decide update.
type Decision struct {
	Approve      bool                `json:"approve"`
	Privileges   models.Privileges   `json:"privileges"`    // nomination: what to grant
	SupportLevel models.SupportLevel `json:"support_level"` // support access: the level
	Reason       string              `json:"reason"`
	Approver     Approver            `json:"approver"`
}

// Withdrawal is the argument of the withdraw update.
type Withdrawal struct {
	By string `json:"by"`
}

// State is the workflow's state, returned by the status query
// and by the updates.
type State struct {
	RequestID      string               `json:"request_id"`
	Kind           models.RequestKind   `json:"kind"`
	Status         models.RequestStatus `json:"status"`
	Reminded       bool                 `json:"reminded"`
	Escalated      bool                 `json:"escalated"`
	DecidedBy      string               `json:"decided_by,omitempty"`
	DecisionReason string               `json:"decision_reason,omitempty"`
	Granted        *models.Privileges   `json:"granted,omitempty"`
	SupportLevel   *models.SupportLevel `json:"support_level,omitempty"`
	// Finalized is true once the outcome is recorded and granted.
	Finalized bool `json:"finalized"`
}

// RequestRecord is what the workflow writes to Postgres at a transition,
// with the audit action (if any) of the transition.
type RequestRecord struct {
	Input       Input  `json:"input"`
	State       State  `json:"state"`
	AuditAction string `json:"audit_action,omitempty"`
	Actor       string `json:"actor,omitempty"`
}

// Audience names who a notice goes to; the activity resolves addresses at
// send time.
type Audience string

// Audiences of the access-request notices.
const (
	AudienceApprovers   Audience = "approvers"   // C2 / D2
	AudienceSecondaries Audience = "secondaries" // C5 escalation
	AudienceRequester   Audience = "requester"   // C4
)

// NoticeRequest asks the notification activity to queue one email.
type NoticeRequest struct {
	Key      string   `json:"key"` // outbox key: workflow ID, run ID and step
	Template string   `json:"template"`
	Audience Audience `json:"audience"`
	Input    Input    `json:"input"`
	State    State    `json:"state"`
}

// Activity names used by the access-request workflow (see activities/).
const (
	ActivityRecordRequest = "RecordRequest"
	ActivityGrantRequest  = "GrantRequest"
	ActivityQueueNotice   = "QueueNotice"
)

type accessRequest struct {
	in    Input
	state State
	// decided is set synchronously by the update handlers, before they
	// block, so the timers and a second decision see it at once.
	decided bool
	// requesterNotice is the template of the outcome email to the requester.
	requesterNotice string
	// handlerErr is a decision or withdrawal that failed past its retries;
	// the workflow then fails rather than wait forever.
	handlerErr error
}

// AccessRequest is the workflow function.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	w := &accessRequest{in: in, state: State{RequestID: in.RequestID, Kind: in.Kind, Status: models.StatusPending}}
	if err := w.setup(ctx); err != nil {
		return w.state, err
	}
	return w.run(ctx)
}

func (w *accessRequest) setup(ctx workflow.Context) error {
	in := w.in
	if in.RequestID == "" || in.Requester.Email == "" || in.CustomerID == 0 || in.RequesterID == 0 {
		return temporal.NewNonRetryableApplicationError("request id, requester and customer are required", "InvalidInput", nil)
	}
	if in.Kind == models.KindNomination && in.SiteID == 0 {
		return temporal.NewNonRetryableApplicationError("a nomination needs a site", "InvalidInput", nil)
	}
	t := in.Timers
	if !(t.RemindAfter > 0 && t.RemindAfter < t.EscalateAfter && t.EscalateAfter < t.ExpireAfter) {
		return temporal.NewNonRetryableApplicationError("timers must be positive and increasing", "InvalidInput", nil)
	}
	if err := workflow.SetQueryHandler(ctx, QueryStatus, func() (State, error) { return w.state, nil }); err != nil {
		return fmt.Errorf("register query: %w", err)
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateDecide, w.decide, workflow.UpdateHandlerOptions{Validator: w.validateDecision}); err != nil {
		return fmt.Errorf("register decide: %w", err)
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateWithdraw, w.withdraw, workflow.UpdateHandlerOptions{Validator: w.validateWithdrawal}); err != nil {
		return fmt.Errorf("register withdraw: %w", err)
	}
	return nil
}

// run is the process, top to bottom.
func (w *accessRequest) run(ctx workflow.Context) (State, error) {
	if err := w.transition(ctx, "request.submit", w.in.Requester.Email); err != nil {
		return w.state, err
	}
	if err := w.notify(ctx, "notify-approvers", "request_new", AudienceApprovers); err != nil {
		return w.state, err
	}

	t := w.in.Timers
	steps := []struct {
		wait time.Duration
		act  func(workflow.Context) error
	}{
		{t.RemindAfter, w.remind},
		{t.EscalateAfter - t.RemindAfter, w.escalate},
		{t.ExpireAfter - t.EscalateAfter, w.expire},
	}
	for _, s := range steps {
		decided, err := workflow.AwaitWithTimeout(ctx, s.wait, func() bool { return w.decided })
		if err != nil {
			return w.state, fmt.Errorf("await decision: %w", err)
		}
		if decided {
			break
		}
		if err := s.act(ctx); err != nil {
			return w.state, err
		}
	}
	// A decision's handler finalizes; wait for it and for every handler,
	// then tell the requester (C4).
	if err := workflow.Await(ctx, func() bool {
		return (w.state.Finalized || w.handlerErr != nil) && workflow.AllHandlersFinished(ctx)
	}); err != nil {
		return w.state, fmt.Errorf("await handlers: %w", err)
	}
	if w.handlerErr != nil {
		return w.state, w.handlerErr
	}
	if w.requesterNotice != "" {
		if err := w.notify(ctx, "notify-requester-"+string(w.state.Status), w.requesterNotice, AudienceRequester); err != nil {
			return w.state, err
		}
	}
	return w.state, nil
}

// remind and escalate record the step first; a decision that arrives while
// that write is in flight wins: no reminder or escalation follows it (and
// RecordRequest never turns a final row back to pending).
func (w *accessRequest) remind(ctx workflow.Context) error {
	w.state.Reminded = true
	if err := w.transition(ctx, "", ""); err != nil || w.decided {
		return err
	}
	return w.notify(ctx, "remind-approvers", "request_reminder", AudienceApprovers)
}

func (w *accessRequest) escalate(ctx workflow.Context) error {
	w.state.Escalated = true
	if err := w.transition(ctx, "request.escalate", "system"); err != nil || w.decided {
		return err
	}
	return w.notify(ctx, "escalate-secondaries", "request_escalated", AudienceSecondaries)
}

func (w *accessRequest) expire(ctx workflow.Context) error {
	w.decided = true
	w.state.Status = models.StatusExpired
	return w.finalize(ctx, "request.expire", "system", "request_expired")
}

// validateDecision refuses a second decision, a decision by someone who may
// not approve, and a grant above the approver's own level (C3, B2, D2). It
// runs before the update is accepted, so a refusal leaves no trace.
func (w *accessRequest) validateDecision(d Decision) error {
	if w.decided {
		return temporal.NewApplicationError(fmt.Sprintf("the request is already %s", w.state.Status), ErrAlreadyDecided)
	}
	if d.Approver.Email == "" || d.Approver.Email == w.in.Requester.Email {
		return temporal.NewApplicationError("requesters cannot decide their own request", ErrNotApprover)
	}
	if !d.Approve && d.Reason == "" {
		return temporal.NewApplicationError("reason: a rejection needs a reason", ErrInvalidDecision)
	}
	switch w.in.Kind {
	case models.KindNomination:
		if !d.Approver.IsPrimary && d.Approver.Privileges.ManageAccess < models.LevelUpdate {
			return temporal.NewApplicationError("only the Primary Contact or a user with manage_access=update approves self-nominations", ErrNotApprover)
		}
		if !d.Approve {
			return nil
		}
		if err := d.Privileges.Valid(); err != nil {
			return temporal.NewApplicationError("privileges: "+err.Error(), ErrInvalidDecision)
		}
		if d.Privileges == (models.Privileges{}) {
			return temporal.NewApplicationError("privileges: an approval grants at least one tool", ErrInvalidDecision)
		}
		if rule := models.GrantCheck(d.Approver.Privileges, d.Approver.IsPrimary, models.Privileges{}, d.Privileges); rule != "" {
			return temporal.NewApplicationError(rule, ErrAboveOwnLevel)
		}
	case models.KindSupportAccess:
		if !d.Approver.SupportAdmin {
			return temporal.NewApplicationError("only the Site Technical Contact or a support administrator of the account approves support access", ErrNotApprover)
		}
		if d.Approve && (d.SupportLevel < models.SupportBasic || d.SupportLevel > models.SupportAdmin) {
			return temporal.NewApplicationError("support_level: must be basic, full or administrator", ErrInvalidDecision)
		}
	}
	return nil
}

func (w *accessRequest) decide(ctx workflow.Context, d Decision) (State, error) {
	w.decided = true
	w.state.DecidedBy, w.state.DecisionReason = d.Approver.Email, d.Reason
	action, template := "request.reject", "request_rejected"
	w.state.Status = models.StatusRejected
	if d.Approve {
		action, template = "request.approve", "request_approved"
		w.state.Status = models.StatusApproved
		switch w.in.Kind {
		case models.KindNomination:
			p := d.Privileges
			w.state.Granted = &p
		case models.KindSupportAccess:
			l := d.SupportLevel
			w.state.SupportLevel = &l
		}
	}
	err := w.finalize(ctx, action, d.Approver.Email, template)
	var app *temporal.ApplicationError
	if errors.As(err, &app) && app.Type() == ErrGrantRefused {
		// The grant broke a rule at the last moment (e.g. the site changed):
		// the approval cannot stand, so the request ends as rejected and
		// the requester is told why, instead of waiting forever.
		w.state.Status, w.state.Granted, w.state.SupportLevel = models.StatusRejected, nil, nil
		w.state.DecisionReason = "the approval could not be granted: " + app.Message()
		err = w.finalize(ctx, "request.grant_refused", d.Approver.Email, "request_rejected")
	}
	if err != nil {
		w.handlerErr = err
		return w.state, err
	}
	return w.state, nil
}

func (w *accessRequest) validateWithdrawal(wd Withdrawal) error {
	if w.decided {
		return temporal.NewApplicationError(fmt.Sprintf("the request is already %s", w.state.Status), ErrAlreadyDecided)
	}
	if wd.By != w.in.Requester.Email {
		return temporal.NewApplicationError("only the requester withdraws a request", ErrNotRequester)
	}
	return nil
}

func (w *accessRequest) withdraw(ctx workflow.Context, wd Withdrawal) (State, error) {
	w.decided = true
	w.state.Status = models.StatusWithdrawn
	if err := w.finalize(ctx, "request.withdraw", wd.By, ""); err != nil {
		w.handlerErr = err
		return w.state, err
	}
	return w.state, nil
}

// finalize grants (on approval) and records the outcome with its audit
// row; each step is an idempotent activity. The requester's email (template,
// if any) is queued by run() once the decision's handler has returned, so
// the decision call answers as soon as the grant is in the database.
func (w *accessRequest) finalize(ctx workflow.Context, action, actor, template string) error {
	if w.state.Status == models.StatusApproved {
		err := workflow.ExecuteLocalActivity(w.localCtx(ctx), ActivityGrantRequest, RequestRecord{Input: w.in, State: w.state, Actor: actor}).Get(ctx, nil)
		if err != nil {
			return fmt.Errorf("grant: %w", err)
		}
	}
	w.state.Finalized = true
	w.requesterNotice = template
	return w.transition(ctx, action, actor)
}

// transition writes the state to Postgres (with the audit row of action)
// and upserts the search attributes.
func (w *accessRequest) transition(ctx workflow.Context, action, actor string) error {
	rec := RequestRecord{Input: w.in, State: w.state, AuditAction: action, Actor: actor}
	if err := workflow.ExecuteLocalActivity(w.localCtx(ctx), ActivityRecordRequest, rec).Get(ctx, nil); err != nil {
		return fmt.Errorf("record %s: %w", w.state.Status, err)
	}
	sa := []temporal.SearchAttributeUpdate{
		temporalx.CustomerNumber.ValueSet(w.in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(w.state.Status)),
	}
	if w.in.SiteNumber != "" {
		sa = append(sa, temporalx.SiteNumber.ValueSet(w.in.SiteNumber))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, sa...); err != nil {
		return fmt.Errorf("upsert search attributes: %w", err)
	}
	return nil
}

func (w *accessRequest) notify(ctx workflow.Context, step, template string, aud Audience) error {
	info := workflow.GetInfo(ctx)
	n := NoticeRequest{
		Key:      info.WorkflowExecution.ID + "/" + info.WorkflowExecution.RunID + "/" + step,
		Template: template, Audience: aud, Input: w.in, State: w.state,
	}
	if err := workflow.ExecuteActivity(w.dbCtx(ctx), ActivityQueueNotice, n).Get(ctx, nil); err != nil {
		var app *temporal.ApplicationError
		if errors.As(err, &app) && app.Type() == "NoRecipients" {
			workflow.GetLogger(ctx).Warn("notice has no recipients", "step", step)
			return nil
		}
		return fmt.Errorf("notify %s: %w", step, err)
	}
	return nil
}

// localCtx runs the short, idempotent database writes (read model, grant)
// as local activities: in the worker, without a round trip through the
// server, so a decision answers quickly. Retries as dbCtx; a long outage
// turns into timer-backed retries, so nothing is lost.
func (w *accessRequest) localCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         patientRetry(),
	})
}

// dbCtx gives database activities a short timeout and patient retries: an
// outage of Postgres delays the process, it does not fail it.
func (w *accessRequest) dbCtx(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy:         patientRetry(),
	})
}

// patientRetry retries with backoff up to a minute apart and no attempt
// limit: business failures are non-retryable errors, anything else is an
// outage to wait out.
func patientRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{InitialInterval: 200 * time.Millisecond, BackoffCoefficient: 2, MaximumInterval: time.Minute}
}
