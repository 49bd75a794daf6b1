package quotes

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// statusGroups are the ?status= values that name several statuses:
// awaiting_rep (the rep must act: requested or change_requested) and
// pending (not final yet).
var statusGroups = map[string][]models.QuoteStatus{
	"awaiting_rep": {models.QuoteRequested, models.QuoteChangeRequested},
	"pending":      {models.QuoteRequested, models.QuoteOpen, models.QuoteChangeRequested},
}

// statusFilter applies ?status= to a quotes query: a status or a group.
func statusFilter(c *gin.Context) (func(q *gorm.DB) *gorm.DB, error) {
	st := c.Query("status")
	if st == "" {
		return func(q *gorm.DB) *gorm.DB { return q }, nil
	}
	if g, ok := statusGroups[st]; ok {
		return func(q *gorm.DB) *gorm.DB { return q.Where("q.status IN ?", g) }, nil
	}
	for _, s := range models.QuoteStatuses {
		if string(s) == st {
			return func(q *gorm.DB) *gorm.DB { return q.Where("q.status = ?", s) }, nil
		}
	}
	names := make([]string, 0, len(models.QuoteStatuses)+1)
	for _, s := range models.QuoteStatuses {
		names = append(names, string(s))
	}
	names = append(names, "awaiting_rep", "pending")
	return nil, api.Invalid(api.FieldError{Field: "status", Detail: "must be one of: " + strings.Join(names, ", ")})
}

// GET /v1/sites/:site/quotes?status= : the site's quotes, newest first.
func (h *Handlers) listSite(c *gin.Context) error {
	filter, err := statusFilter(c)
	if err != nil {
		return err
	}
	var rows []quoteRow
	q := filter(h.quotesQuery(c).Where("q.site_id = ?", api.SiteOf(c).Site.ID))
	if err := q.Order("q.created_at DESC, q.id DESC").Limit(200).Scan(&rows).Error; err != nil {
		return fmt.Errorf("list quotes: %w", err)
	}
	out := make([]summaryView, 0, len(rows))
	for _, r := range rows {
		out = append(out, summaryOf(r, false))
	}
	c.JSON(http.StatusOK, gin.H{"quotes": out})
	return nil
}

// GET /v1/quotes/:number: the quote with its versions and change requests.
func (h *Handlers) get(c *gin.Context) error {
	d, err := h.detail(c, api.Loaded[quoteRow](c), false)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// changeBody is a change request (E4): lines of the current version, by
// part number, removed or re-quantified, with a note. version, when given,
// must be the current version.
type changeBody struct {
	Version int          `json:"version" validate:"min=0"`
	Changes []changeLine `json:"changes" validate:"required,min=1,max=200,dive"`
	Note    string       `json:"note" validate:"required,notblank,multiline,max=2000"`
}

type changeLine struct {
	PartNumber string           `json:"part_number" validate:"required,max=20,singleline"`
	Quantity   *json.RawMessage `json:"quantity"`
	Remove     bool             `json:"remove"`
}

// POST /v1/quotes/:number/change-requests (E4): the quote must be open;
// the rep is told and the quote awaits a revision.
func (h *Handlers) requestChange(c *gin.Context) error {
	var b changeBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	changes := make([]models.LineChange, len(b.Changes))
	var bad []api.FieldError
	for i, ch := range b.Changes {
		changes[i] = models.LineChange{PartNumber: strings.ToUpper(strings.TrimSpace(ch.PartNumber)), Remove: ch.Remove}
		switch {
		case ch.Remove && ch.Quantity != nil:
			bad = append(bad, api.FieldError{Field: fmt.Sprintf("changes[%d]", i), Detail: "either remove the line or give it a quantity, not both"})
		case !ch.Remove:
			var raw json.RawMessage
			if ch.Quantity != nil {
				raw = *ch.Quantity
			}
			q, fe := quantity(fmt.Sprintf("changes[%d].quantity", i), raw)
			if fe != nil {
				bad = append(bad, *fe)
			}
			changes[i].Quantity = q
		}
	}
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}
	r := api.Loaded[quoteRow](c)
	if err := refuseFinal(r, "a change request"); err != nil {
		return err
	}
	u := api.Caller(c)
	cr := quote.ChangeRequest{By: quote.Person{ID: u.ID, Email: u.Email, Name: u.Name}, OnVersion: b.Version,
		Changes: changes, Note: strings.TrimSpace(b.Note)}
	return h.update(c, r, quote.UpdateRequestChange, cr, false)
}

type cancelBody struct {
	Reason string `json:"reason" validate:"multiline,max=2000"`
}

// POST /v1/quotes/:number/cancel: the customer cancels a quote that is not
// final; the rep is told.
func (h *Handlers) cancel(c *gin.Context) error {
	var b cancelBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	r := api.Loaded[quoteRow](c)
	if err := refuseFinal(r, "cancelling"); err != nil {
		return err
	}
	u := api.Caller(c)
	return h.update(c, r, quote.UpdateCancel, quote.Cancellation{By: quote.Person{ID: u.ID, Email: u.Email, Name: u.Name},
		Reason: strings.TrimSpace(b.Reason)}, false)
}
