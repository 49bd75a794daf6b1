package cart

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/cart"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// temporalTimeout bounds a request's wait for Temporal.
const temporalTimeout = 10 * time.Second

type addQuoteBody struct {
	QuoteNumber string `json:"quote_number" validate:"required,notblank,singleline,max=20"`
}

// POST /v1/sites/:site/cart/quotes: adds an open quote of the site as one
// group (all its lines). Twice, or a quote that is not open: 409.
func (h *Handlers) addQuote(c *gin.Context) error {
	var b addQuoteBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	if err := h.svc().AddQuote(c, api.Actor(c), owner(c), b.QuoteNumber); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusCreated)
}

// changeQuoteLine files the quote's change request for a line of a quote
// group (E4): a new quantity, or (quantity nil) its removal. The quote
// itself is not edited: its workflow records the request, and the group
// awaits the revised quote. Answers 202 with the cart.
func (h *Handlers) changeQuoteLine(c *gin.Context, number, part string, quantity *int64, note string) error {
	o := owner(c)
	ref, err := h.svc().QuoteLine(c, o, number, part)
	if err != nil {
		return problem(err)
	}
	if ref.Status != models.QuoteOpen {
		return api.Conflict("E4", fmt.Sprintf("quote %s is %s: a change can be asked only of an open quote", ref.QuoteNumber, ref.Status))
	}
	change := models.LineChange{PartNumber: ref.PartNumber}
	if quantity == nil {
		change.Remove = true
	} else {
		change.Quantity = *quantity
	}
	note = strings.TrimSpace(note)
	if note == "" {
		if change.Remove {
			note = fmt.Sprintf("Please remove %s (asked from the cart).", ref.PartNumber)
		} else {
			note = fmt.Sprintf("Please change the quantity of %s from %d to %d (asked from the cart).", ref.PartNumber, ref.Quantity, change.Quantity)
		}
	}
	u := api.Caller(c)
	cr := quote.ChangeRequest{By: quote.Person{ID: u.ID, Email: u.Email, Name: u.Name}, OnVersion: ref.Version,
		Changes: []models.LineChange{change}, Note: note}
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	handle, err := h.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: ref.WorkflowID, UpdateName: quote.UpdateRequestChange, Args: []any{cr},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		var st quote.State
		err = handle.Get(ctx, &st)
	}
	if err != nil {
		return changeProblem(err, ref)
	}
	if err := h.svc().AuditChangeRequest(c, api.Actor(c), o, ref, change); err != nil {
		return err
	}
	return h.respond(c, http.StatusAccepted)
}

// changeProblem maps the quote workflow's refusal of a change request;
// nothing changed in any of these cases.
func changeProblem(err error, ref svc.QuoteLineRef) error {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case quote.ErrWrongStatus, quote.ErrStaleVersion, quote.ErrAlreadySubmitted:
			return api.Conflict("E4", app.Message())
		case quote.ErrInvalid:
			var field string
			if app.HasDetails() && app.Details(&field) == nil && strings.HasSuffix(field, ".quantity") {
				return api.Invalid(api.FieldError{Field: "quantity", Detail: detailOf(app.Message(), field)})
			}
			return api.Unprocessable("E4", app.Message())
		case quote.ErrNotRep, quote.ErrNotRecorded:
			return api.Unprocessable("E4", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return api.Conflict("E4", fmt.Sprintf("quote %s is closed: a change can be asked only of an open quote", ref.QuoteNumber))
	}
	var (
		down *serviceerror.Unavailable
		late *serviceerror.DeadlineExceeded
	)
	if errors.As(err, &down) || errors.As(err, &late) || errors.Is(err, context.DeadlineExceeded) {
		return api.Unavailable("the workflow service is unavailable: try again shortly")
	}
	return fmt.Errorf("change request on quote %s: %w", ref.QuoteNumber, err)
}

// detailOf drops the "field: " prefix the workflow's message carries.
func detailOf(msg, field string) string {
	return strings.TrimPrefix(msg, field+": ")
}
