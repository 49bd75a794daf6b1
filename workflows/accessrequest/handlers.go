package accessrequest

import (
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
)

// validateSubmit refuses a second submit update: the first one is the
// start of the request (update-with-start).
func (w *accessRequest) validateSubmit() error {
	if w.submitAsked {
		return temporal.NewApplicationError("the request is already submitted", ErrAlreadySubmitted)
	}
	return nil
}

// submitUpdate answers once run() has recorded the request's first row,
// with the recorded state, or with the ErrNotRecorded failure that ends
// the workflow.
func (w *accessRequest) submitUpdate(ctx workflow.Context) (State, error) {
	w.submitAsked = true
	if err := workflow.Await(ctx, func() bool { return w.submitted || w.submitErr != nil }); err != nil {
		return w.view(), fmt.Errorf("await submission: %w", err)
	}
	return w.view(), w.submitErr
}

// validateDecision refuses a second decision, a decision by someone who may
// not approve, and a grant above the approver's own level (C3, B2, D2). It
// runs before the update is accepted, so a refusal leaves no trace.
func (w *accessRequest) validateDecision(d Decision) error {
	if w.decided {
		return w.alreadyDecided()
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

// decide records the decision (granting on approval, in the same
// transaction) and answers with the new state. A grant refused by a rule
// ends the request rejected with the reason; a write refused for good
// changes nothing and answers ErrNotRecorded, and the request stays
// decidable.
func (w *accessRequest) decide(ctx workflow.Context, d Decision) (State, error) {
	w.decided, w.decidedAs = true, models.StatusRejected
	if d.Approve {
		w.decidedAs = models.StatusApproved
	}
	if err := w.lock(ctx); err != nil {
		return w.notRecorded(ctx, "decision", err)
	}
	defer w.mu.Unlock()
	next := w.state
	next.DecidedBy, next.DecisionReason, next.Finalized = d.Approver.Email, d.Reason, true
	action, template := "request.reject", "request_rejected"
	next.Status = models.StatusRejected
	if d.Approve {
		action, template = "request.approve", "request_approved"
		next.Status = models.StatusApproved
		switch w.in.Kind {
		case models.KindNomination:
			p := d.Privileges
			next.Granted = &p
		case models.KindSupportAccess:
			l := d.SupportLevel
			next.SupportLevel = &l
		}
	}
	err := w.commit(ctx, next, action, d.Approver.Email)
	if policy.ErrorType(err) == ErrGrantRefused {
		// The grant broke a rule at the last moment (e.g. the approver lost
		// the privilege): the approval cannot stand, so the request ends as
		// rejected and the requester is told why.
		_, msg := policy.Describe(err)
		next.Status, next.Granted, next.SupportLevel = models.StatusRejected, nil, nil
		next.DecisionReason = "the approval could not be granted: " + msg
		action, template = "request.grant_refused", "request_rejected"
		err = w.commit(ctx, next, action, d.Approver.Email)
	}
	if err != nil {
		return w.notRecorded(ctx, "decision", err)
	}
	w.requesterNotice = template
	return w.view(), nil
}

func (w *accessRequest) validateWithdrawal(wd Withdrawal) error {
	if w.decided {
		return w.alreadyDecided()
	}
	if wd.By != w.in.Requester.Email {
		return temporal.NewApplicationError("only the requester withdraws a request", ErrNotRequester)
	}
	return nil
}

func (w *accessRequest) withdraw(ctx workflow.Context, wd Withdrawal) (State, error) {
	w.decided, w.decidedAs = true, models.StatusWithdrawn
	if err := w.lock(ctx); err != nil {
		return w.notRecorded(ctx, "withdrawal", err)
	}
	defer w.mu.Unlock()
	next := w.state
	next.Status, next.Finalized = models.StatusWithdrawn, true
	if err := w.commit(ctx, next, "request.withdraw", wd.By); err != nil {
		return w.notRecorded(ctx, "withdrawal", err)
	}
	return w.view(), nil
}

// alreadyDecided refuses a second decision, naming the outcome recorded or
// being recorded.
func (w *accessRequest) alreadyDecided() error {
	status := w.state.Status
	if !w.state.Finalized && w.decidedAs != "" {
		status = w.decidedAs
	}
	return temporal.NewApplicationError(fmt.Sprintf("the request is already %s", status), ErrAlreadyDecided)
}

// lock takes the write mutex for a handler; a request whose submission
// failed takes no decision.
func (w *accessRequest) lock(ctx workflow.Context) error {
	if err := w.mu.Lock(ctx); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	if w.submitErr != nil {
		w.mu.Unlock()
		return w.submitErr
	}
	return nil
}

// notRecorded undoes the decision in memory (nothing was written) and
// returns the refusal the API answers 422 with.
func (w *accessRequest) notRecorded(ctx workflow.Context, what string, err error) (State, error) {
	w.decided, w.decidedAs = false, ""
	errType, _ := policy.Describe(err)
	if errType == "" {
		errType = "error"
	}
	workflow.GetLogger(ctx).Error("write refused; the request stays pending", "what", what, "type", errType, "error", err)
	return w.view(), temporal.NewNonRetryableApplicationError(
		fmt.Sprintf("the %s could not be recorded (%s): nothing changed, the request is still pending", what, errType), ErrNotRecorded, err)
}
