package access

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

type decisionBody struct {
	Decision     string            `json:"decision" validate:"required,oneof=approve reject"`
	Privileges   map[string]string `json:"privileges"`
	SupportLevel string            `json:"support_level"`
	Reason       string            `json:"reason" validate:"multiline,max=2000"`
}

// POST /v1/nominations/:id/decision and /v1/support-access-requests/:id/decision
// (C3, D2): the approver's standing on the request's site or account comes
// from the route's requirement; the workflow's validator decides.
func (h *Handlers) decide(kind models.RequestKind) api.Handler {
	return func(c *gin.Context) error {
		var b decisionBody
		if err := api.Bind(c, &b); err != nil {
			return err
		}
		d := accessrequest.Decision{Approve: b.Decision == "approve", Reason: strings.TrimSpace(b.Reason)}
		d.Approver.Email = api.Caller(c).Email
		switch kind {
		case models.KindNomination:
			if b.SupportLevel != "" {
				return api.Invalid(api.FieldError{Field: "support_level", Detail: "not part of a self-nomination decision"})
			}
			if d.Approve {
				p, bad := models.ParseNamed(b.Privileges)
				if len(bad) > 0 {
					return api.PrivilegeErrors(bad)
				}
				d.Privileges = p
			}
			a := api.SiteOf(c)
			d.Approver.IsPrimary, d.Approver.Privileges = a.IsPrimary, a.Privileges
		default:
			if len(b.Privileges) > 0 {
				return api.Invalid(api.FieldError{Field: "privileges", Detail: "not part of a support access decision"})
			}
			if d.Approve {
				l, err := models.ParseSupportLevel(b.SupportLevel)
				if err != nil || l == models.SupportNone {
					return api.Invalid(api.FieldError{Field: "support_level", Detail: "must be basic, full or administrator"})
				}
				d.SupportLevel = l
			}
			d.Approver.SupportAdmin = api.AccountOf(c).Level >= models.SupportAdmin
		}
		if !d.Approve && d.Reason == "" {
			return api.Invalid(api.FieldError{Field: "reason", Detail: "a rejection needs a reason"})
		}
		return h.update(c, api.Loaded[requestRow](c), accessrequest.UpdateDecide, d)
	}
}

// POST /v1/nominations/:id/withdraw and /v1/support-access-requests/:id/withdraw
// (C6): the requester only.
func (h *Handlers) withdraw(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	return h.update(c, api.Loaded[requestRow](c), accessrequest.UpdateWithdraw, accessrequest.Withdrawal{By: api.Caller(c).Email})
}

// update sends an update to the request's workflow run and answers with
// the recorded request; refusals map to 403/409/422 with the reason.
func (h *Handlers) update(c *gin.Context, r requestRow, name string, arg any) error {
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	handle, err := h.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: r.WorkflowID, RunID: r.RunID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		var st accessrequest.State
		err = handle.Get(ctx, &st)
	}
	if err != nil {
		if fresh, lerr := h.loadRequest(c, r.ID); lerr == nil {
			r = fresh
		}
		return updateProblem(err, r.Status)
	}
	fresh, err := h.loadRequest(c, r.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, viewOf(fresh))
	return nil
}

// updateProblem maps an update's refusal, matched by its type, to a problem.
func updateProblem(err error, status models.RequestStatus) error {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case accessrequest.ErrAlreadyDecided:
			return api.Conflict("C3", app.Message())
		case accessrequest.ErrNotApprover, accessrequest.ErrAboveOwnLevel, accessrequest.ErrNotRequester:
			p := api.Forbidden(app.Message())
			p.Rule = "B2"
			return p
		case accessrequest.ErrNotRecorded:
			// The database refused the decision for good: nothing changed,
			// the request is still pending and decidable.
			return api.Unprocessable("C3", app.Message())
		case accessrequest.ErrInvalidDecision:
			var field string
			if app.HasDetails() && app.Details(&field) == nil && field != "" {
				return api.Invalid(api.FieldError{Field: field, Detail: app.Message()})
			}
			return api.Unprocessable("C3", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		// The run has closed (Temporal answers NotFound for an update to a
		// closed run): the request is decided, or its process ended.
		if status == models.StatusPending {
			return api.Conflict("C3", "the request's process has ended; submit a new request")
		}
		return api.Conflict("C3", fmt.Sprintf("the request is already %s", status))
	}
	return api.TemporalDown(fmt.Errorf("update request: %w", err))
}
