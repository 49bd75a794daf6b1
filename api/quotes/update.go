package quotes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	"github.com/pao/pao/workflows/quote"
)

// temporalTimeout bounds a request's wait for Temporal: an outage answers
// 503 instead of holding the client.
const temporalTimeout = 10 * time.Second

// update sends an update to the quote's workflow and answers with the
// recorded quote; refusals map to 400/403/409/422 naming the rule or field.
func (h *Handlers) update(c *gin.Context, r quoteRow, name string, arg any, staff bool) error {
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	handle, err := h.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: r.WorkflowID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		var st quote.State
		err = handle.Get(ctx, &st)
	}
	if err != nil {
		if fresh, lerr := h.loadQuote(c, r.QuoteNumber); lerr == nil {
			r = fresh
		}
		return updateProblem(err, r)
	}
	fresh, err := h.loadQuote(c, r.QuoteNumber)
	if err != nil {
		return err
	}
	d, err := h.detail(c, fresh, staff)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// updateProblem maps an update's refusal, matched by its type, to a
// problem; nothing changed in any of these cases.
func updateProblem(err error, r quoteRow) error {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case quote.ErrNotRep:
			p := api.Forbidden(app.Message())
			p.Rule = "E2"
			return p
		case quote.ErrWrongStatus, quote.ErrStaleVersion, quote.ErrAlreadySubmitted:
			return api.Conflict("E4", app.Message())
		case quote.ErrInvalid:
			var field string
			if app.HasDetails() && app.Details(&field) == nil && field != "" {
				return api.Invalid(api.FieldError{Field: field, Detail: detailOf(app.Message(), field)})
			}
			return api.Unprocessable("E2", app.Message())
		case quote.ErrNotRecorded:
			return api.Unprocessable("E2", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		// The run has closed: the quote is final.
		return api.Conflict("E4", fmt.Sprintf("quote %s is %s", r.QuoteNumber, r.Status))
	}
	return api.TemporalDown(fmt.Errorf("update quote %s: %w", r.QuoteNumber, err))
}

// detailOf drops the "field: " prefix the workflow's message carries.
func detailOf(msg, field string) string {
	if len(msg) > len(field)+2 && msg[:len(field)+2] == field+": " {
		return msg[len(field)+2:]
	}
	return msg
}

// refuseFinal answers a final quote's action at once (its workflow has
// ended), naming its status.
func refuseFinal(r quoteRow, action string) error {
	if r.Status.Final() {
		return api.Conflict("E4", fmt.Sprintf("quote %s is %s: %s is not possible", r.QuoteNumber, r.Status, action))
	}
	return nil
}
