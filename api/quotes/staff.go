package quotes

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// GET /v1/staff/quotes?status= : the caller's queue, the quotes they are
// the rep of (status=awaiting_rep: those waiting for them), most recently
// changed first.
func (h *Handlers) queue(c *gin.Context) error {
	filter, err := statusFilter(c)
	if err != nil {
		return err
	}
	var rows []quoteRow
	q := filter(h.quotesQuery(c).Where("q.rep_id = ?", api.Caller(c).ID))
	if err := q.Order("q.updated_at DESC, q.id DESC").Limit(200).Scan(&rows).Error; err != nil {
		return fmt.Errorf("list the rep's quotes: %w", err)
	}
	out := make([]summaryView, 0, len(rows))
	for _, r := range rows {
		out = append(out, summaryOf(r, true))
	}
	c.JSON(http.StatusOK, gin.H{"quotes": out})
	return nil
}

// GET /v1/staff/quotes/:number: any quote, for IBM's reps (only its own
// rep acts on it).
func (h *Handlers) getStaff(c *gin.Context) error {
	r, err := h.loadQuote(c, c.Param("number"))
	if err != nil {
		return err
	}
	d, err := h.detail(c, r, true)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// issueBody is the rep's priced version. Without lines, the version prices
// what is asked: the requested lines, or the current version with the
// pending change applied (keeping each line's discount). A line's unit
// price defaults to the site's catalog price; a product without one (price
// on request) needs unit_price_minor.
type issueBody struct {
	Lines        []issueLine `json:"lines" validate:"max=200,dive"`
	ValidityDays int         `json:"validity_days" validate:"min=0,max=365"`
	Note         string      `json:"note" validate:"multiline,max=2000"`
}

type issueLine struct {
	PartNumber     string          `json:"part_number" validate:"required,max=20,singleline"`
	Quantity       json.RawMessage `json:"quantity"`
	UnitPriceMinor *int64          `json:"unit_price_minor" validate:"omitempty,min=0"`
	DiscountBP     int             `json:"discount_bp" validate:"min=0,max=10000"`
}

// POST /v1/staff/quotes/:number/issue: the quote's rep issues version 1
// or a revision answering the pending change request.
func (h *Handlers) issue(c *gin.Context) error {
	var b issueBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	r, err := h.loadQuote(c, c.Param("number"))
	if err != nil {
		return err
	}
	if err := refuseFinal(r, "issuing a version"); err != nil {
		return err
	}
	var lines []quote.IssueLine
	if len(b.Lines) == 0 {
		lines, err = h.proposal(c, r)
	} else {
		lines, err = h.givenLines(c, r, b.Lines)
	}
	if err != nil {
		return err
	}
	u := api.Caller(c)
	is := quote.Issue{By: quote.Person{ID: u.ID, Email: u.Email, Name: u.Name}, Lines: lines,
		ValidityDays: b.ValidityDays, Note: strings.TrimSpace(b.Note)}
	return h.update(c, r, quote.UpdateIssue, is, true)
}

// givenLines resolves the rep's lines: parts, quantities, prices.
func (h *Handlers) givenLines(ctx context.Context, r quoteRow, in []issueLine) ([]quote.IssueLine, error) {
	var bad []api.FieldError
	parts := make([]string, len(in))
	qty := make([]int64, len(in))
	for i, l := range in {
		parts[i] = l.PartNumber
		q, fe := quantity(fmt.Sprintf("lines[%d].quantity", i), l.Quantity)
		if fe != nil {
			bad = append(bad, *fe)
		}
		qty[i] = q
	}
	prods, err := h.products(ctx, parts, func(i int) string { return fmt.Sprintf("lines[%d].part_number", i) })
	if p, ok := err.(*api.Problem); ok {
		bad = append(bad, p.Errors...)
	} else if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, api.Invalid(bad...)
	}
	out := make([]quote.IssueLine, len(in))
	for i, p := range prods {
		out[i] = quote.IssueLine{QuoteItem: models.QuoteItem{ProductID: p.ID, PartNumber: p.PartNumber, Description: p.Description, Quantity: qty[i]},
			DiscountBP: in[i].DiscountBP}
		if in[i].UnitPriceMinor != nil {
			out[i].Unit = models.Money{Minor: *in[i].UnitPriceMinor}
		}
	}
	return h.priceDefaults(ctx, r, out, func(i int) bool { return in[i].UnitPriceMinor == nil }, func(i int) string {
		return fmt.Sprintf("lines[%d].unit_price_minor", i)
	})
}

// proposal is what the rep prices when they give no lines: the lines
// asked for (a request), or the current version with the pending change
// applied, each line keeping its discount (a change request).
func (h *Handlers) proposal(ctx context.Context, r quoteRow) ([]quote.IssueLine, error) {
	db := h.DB.WithContext(ctx)
	var out []quote.IssueLine
	switch r.Status {
	case models.QuoteRequested:
		var asked []models.QuoteRequestLine
		if err := db.Where("quote_id = ?", r.ID).Order("line_no").Find(&asked).Error; err != nil {
			return nil, fmt.Errorf("load requested lines: %w", err)
		}
		for _, l := range asked {
			out = append(out, quote.IssueLine{QuoteItem: models.QuoteItem{ProductID: l.ProductID, PartNumber: l.PartNumber,
				Description: l.Description, Quantity: l.Quantity}})
		}
	case models.QuoteChangeRequested:
		var cur []models.QuoteLine
		if err := db.Where("quote_id = ? AND version = ?", r.ID, r.CurrentVersion).Order("line_no").Find(&cur).Error; err != nil {
			return nil, fmt.Errorf("load the current version: %w", err)
		}
		var pending models.QuoteChangeRequest
		if err := db.Where("quote_id = ? AND status = ?", r.ID, models.ChangePending).Take(&pending).Error; err != nil {
			return nil, fmt.Errorf("load the pending change request: %w", err)
		}
		var changes []models.LineChange
		if err := json.Unmarshal(pending.Changes, &changes); err != nil {
			return nil, fmt.Errorf("decode change request %d: %w", pending.Seq, err)
		}
		items := make([]models.QuoteItem, 0, len(cur))
		discount := map[int64]int{}
		for _, l := range cur {
			items = append(items, models.QuoteItem{ProductID: l.ProductID, PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity})
			discount[l.ProductID] = l.DiscountBP
		}
		changed, err := models.ApplyChanges(items, changes)
		if err != nil {
			return nil, fmt.Errorf("apply change request %d: %w", pending.Seq, err)
		}
		for _, it := range changed {
			out = append(out, quote.IssueLine{QuoteItem: it, DiscountBP: discount[it.ProductID]})
		}
	default:
		return nil, api.Conflict("E4", fmt.Sprintf("quote %s is %s: there is nothing to issue", r.QuoteNumber, r.Status))
	}
	return h.priceDefaults(ctx, r, out, func(int) bool { return true }, func(int) string { return "lines" })
}

// priceDefaults gives the lines that need one (need(i)) the site's catalog
// price, and every line the site's currency; a line without a catalog
// price is refused naming field(i): the rep prices it.
func (h *Handlers) priceDefaults(ctx context.Context, r quoteRow, lines []quote.IssueLine, need func(int) bool, field func(int) string) ([]quote.IssueLine, error) {
	currency, level, err := catalog.SitePricing(ctx, h.DB, r.SiteID)
	if err != nil {
		return nil, fmt.Errorf("price quote %s: %w", r.QuoteNumber, err)
	}
	ids := make([]int64, 0, len(lines))
	for _, l := range lines {
		ids = append(ids, l.ProductID)
	}
	prices, err := catalog.Prices(ctx, h.DB, currency, level, ids)
	if err != nil {
		return nil, fmt.Errorf("price quote %s: %w", r.QuoteNumber, err)
	}
	var bad []api.FieldError
	for i := range lines {
		lines[i].Unit.Currency = currency
		if !need(i) {
			continue
		}
		p, ok := prices[lines[i].ProductID]
		if !ok {
			bad = append(bad, api.FieldError{Field: field(i), Detail: fmt.Sprintf(
				"%s has no catalog price in %s at level %s (price on request): give unit_price_minor", lines[i].PartNumber, currency, level)})
			continue
		}
		lines[i].Unit = p
	}
	if len(bad) > 0 {
		return nil, api.Invalid(bad...)
	}
	return lines, nil
}

type reasonBody struct {
	Reason string `json:"reason" validate:"required,notblank,multiline,max=2000"`
}

// POST /v1/staff/quotes/:number/decline: the quote's rep declines the
// request, with a reason.
func (h *Handlers) decline(c *gin.Context) error {
	return h.decide(c, quote.UpdateDecline, "declining")
}

// POST /v1/staff/quotes/:number/decline-change: the quote's rep declines
// the pending change request, with a reason; the current version stands.
func (h *Handlers) declineChange(c *gin.Context) error {
	return h.decide(c, quote.UpdateDeclineChange, "declining a change")
}

func (h *Handlers) decide(c *gin.Context, update, action string) error {
	var b reasonBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	r, err := h.loadQuote(c, c.Param("number"))
	if err != nil {
		return err
	}
	if err := refuseFinal(r, action); err != nil {
		return err
	}
	u := api.Caller(c)
	d := quote.Decision{By: quote.Person{ID: u.ID, Email: u.Email, Name: u.Name}, Reason: strings.TrimSpace(b.Reason)}
	return h.update(c, r, update, d, true)
}
