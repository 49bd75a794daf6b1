package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// requestBody is a quote request (E2): the lines asked for and a note.
type requestBody struct {
	Lines []askedLine `json:"lines" validate:"required,min=1,max=200,dive"`
	Note  string      `json:"note" validate:"multiline,max=2000"`
}

type askedLine struct {
	PartNumber string          `json:"part_number" validate:"required,max=20,singleline"`
	Quantity   json.RawMessage `json:"quantity"`
}

// POST /v1/sites/:site/quotes (E2): the customer asks the account's sales
// rep for a quote. Every part must exist, once, with a whole quantity from
// 1 to 1,000,000; each mistake is named. The quote's workflow is started
// with its submit update, so the answer is the recorded quote.
func (h *Handlers) request(c *gin.Context) error {
	var b requestBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	var bad []api.FieldError
	qty := make([]int64, len(b.Lines))
	parts := make([]string, len(b.Lines))
	for i, l := range b.Lines {
		parts[i] = l.PartNumber
		q, fe := quantity(fmt.Sprintf("lines[%d].quantity", i), l.Quantity)
		if fe != nil {
			bad = append(bad, *fe)
		}
		qty[i] = q
	}
	lineField := func(i int) string { return fmt.Sprintf("lines[%d].part_number", i) }
	prods, err := h.products(c, parts, lineField)
	var p *api.Problem
	if errors.As(err, &p) {
		bad = append(bad, p.Errors...)
	} else if err != nil {
		return err
	}
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}
	items := make([]models.QuoteItem, len(prods))
	first := map[int64]int{}
	for i, pr := range prods {
		if j, dup := first[pr.ID]; dup {
			bad = append(bad, api.FieldError{Field: lineField(i), Detail: fmt.Sprintf("%s is already lines[%d]: one line per product", pr.PartNumber, j)})
		}
		first[pr.ID] = i
		items[i] = models.QuoteItem{ProductID: pr.ID, PartNumber: pr.PartNumber, Description: pr.Description, Quantity: qty[i]}
	}
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}

	site := api.SiteOf(c).Site
	rep, err := h.salesRep(c, site.CustomerID)
	if err != nil {
		return err
	}
	number, err := h.nextNumber(c, models.QuoteSales)
	if err != nil {
		return err
	}
	u := api.Caller(c)
	in := quote.Input{
		QuoteNumber: number, Kind: models.QuoteSales, SiteID: site.ID, SiteNumber: site.SiteNumber,
		CustomerID: site.CustomerID, CustomerNumber: rep.CustomerNumber, Currency: site.Currency,
		Requester: &quote.Person{ID: u.ID, Email: u.Email, Name: u.Name}, Rep: rep.Person,
		Note: strings.TrimSpace(b.Note), Lines: items, Timers: h.timers(),
	}
	return h.start(c, in)
}

type repOfAccount struct {
	quote.Person
	CustomerNumber string
}

// salesRep is the account's sales rep; an account without one cannot
// have its request answered, so it is refused now (422), nothing started.
func (h *Handlers) salesRep(ctx context.Context, customerID int64) (repOfAccount, error) {
	var row struct {
		CustomerNumber string
		ID             *int64
		Email, Name    *string
	}
	if err := h.DB.WithContext(ctx).Raw(`SELECT c.customer_number, u.id, u.email, u.name FROM customers c
		LEFT JOIN users u ON u.id = c.sales_rep_id WHERE c.id = ?`, customerID).Take(&row).Error; err != nil {
		return repOfAccount{}, fmt.Errorf("load sales rep: %w", err)
	}
	if row.ID == nil {
		return repOfAccount{}, api.Unprocessable("E2", "no IBM sales rep is assigned to this account: contact IBM to have one assigned")
	}
	return repOfAccount{Person: quote.Person{ID: *row.ID, Email: *row.Email, Name: *row.Name}, CustomerNumber: row.CustomerNumber}, nil
}

// nextNumber draws a new quote number (gaps are harmless).
func (h *Handlers) nextNumber(ctx context.Context, kind models.QuoteKind) (string, error) {
	var n int64
	if err := h.DB.WithContext(ctx).Raw("SELECT nextval('quote_number_seq')").Scan(&n).Error; err != nil {
		return "", fmt.Errorf("next quote number: %w", err)
	}
	return models.QuoteNumber(kind, time.Now().UTC().Year(), n), nil
}

// start starts the quote's workflow with its submit update
// (update-with-start): the workflow writes the quote's first row and the
// update returns once it is recorded, so the API answers 201 with the
// recorded quote, holding no database transaction while it talks to
// Temporal. A new number never conflicts; the policy still refuses a
// duplicate (409) rather than joining it.
func (h *Handlers) start(c *gin.Context, in quote.Input) error {
	opts := client.StartWorkflowOptions{
		ID:                       quote.WorkflowID(in.QuoteNumber),
		TaskQueue:                h.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.QuoteNumber.ValueSet(in.QuoteNumber),
			temporalx.SiteNumber.ValueSet(in.SiteNumber),
			temporalx.CustomerNumber.ValueSet(in.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.QuoteRequested)),
		),
	}
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	op := h.Temporal.NewWithStartWorkflowOperation(opts, quote.WorkflowName, in)
	handle, err := h.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: op,
		UpdateOptions:          client.UpdateWorkflowOptions{UpdateName: quote.UpdateSubmit, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err == nil {
		var st quote.State
		err = handle.Get(ctx, &st)
	}
	var app *temporal.ApplicationError
	switch {
	case errors.As(err, &app) && app.Type() == quote.ErrNotRecorded:
		return api.Unprocessable("E2", app.Message())
	case err != nil:
		probe, stop := context.WithTimeout(context.WithoutCancel(c), time.Second)
		defer stop()
		if run, rerr := op.Get(probe); rerr == nil && run != nil {
			// Started, not yet recorded (no worker right now): accepted.
			c.Header("Location", "/v1/quotes/"+in.QuoteNumber)
			c.JSON(http.StatusAccepted, gin.H{"quote_number": in.QuoteNumber, "status": models.QuoteRequested,
				"links": gin.H{"self": "/v1/quotes/" + in.QuoteNumber}})
			return nil
		}
		return api.TemporalDown(fmt.Errorf("start quote %s: %w", in.QuoteNumber, err))
	}
	r, err := h.loadQuote(c, in.QuoteNumber)
	if err != nil {
		return err
	}
	d, err := h.detail(c, r, false)
	if err != nil {
		return err
	}
	c.Header("Location", d.Links["self"])
	c.JSON(http.StatusCreated, d)
	return nil
}
