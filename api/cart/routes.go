// Package cart holds the HTTP handlers of the cart (SPEC E3, E4): the
// caller's saved cart on a site, priced at view time, with catalog lines
// and quote groups, and its checkout readiness. Catalog lines are plain
// edits through the internal/cart service (one transaction with an audit
// row each). A quote line is never edited here: changing or removing one
// files a change request on the quote's workflow (the same update
// api/quotes sends), and the group awaits the revised quote.
package cart

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/cart"
	"github.com/pao/pao/models"
)

// Handlers are the cart routes with what they use.
type Handlers struct {
	DB       *gorm.DB
	Temporal client.Client
}

// Routes declares the cart routes: all need Software & services at full
// on the site (like the catalog and quotes); the cart is the caller's.
func (h *Handlers) Routes(r *api.Router) {
	full := api.OnSite(models.ToolSoftware, models.SoftwareFull)
	r.Handle("GET", "/sites/:site/cart", full, h.get)
	r.Handle("DELETE", "/sites/:site/cart", full, h.empty)
	r.Handle("GET", "/sites/:site/cart/checkout-readiness", full, h.readiness)
	r.Handle("POST", "/sites/:site/cart/items", full, h.addItem)
	r.Handle("PATCH", "/sites/:site/cart/items/:line", full, h.patchItem)
	r.Handle("DELETE", "/sites/:site/cart/items/:line", full, h.deleteItem)
	r.Handle("POST", "/sites/:site/cart/quotes", full, h.addQuote)
}

func (h *Handlers) svc() *svc.Service { return &svc.Service{DB: h.DB} }

func owner(c *gin.Context) svc.Owner {
	return svc.Owner{SiteID: api.SiteOf(c).Site.ID, UserID: api.Caller(c).ID}
}

// problem maps the service's refusals: a bad field 400, no such line 404,
// a broken rule 409/422.
func problem(err error) error {
	var fe *svc.FieldError
	switch {
	case errors.As(err, &fe):
		return api.Invalid(api.FieldError{Field: fe.Field, Detail: fe.Detail})
	case errors.Is(err, svc.ErrNotFound):
		return api.NotFound("no such line in your cart on this site")
	case errors.Is(err, svc.ErrNoQuote):
		p := api.NotFound("no quote with this number on this site")
		p.Errors = []api.FieldError{{Field: "quote_number", Detail: "no quote with this number on this site"}}
		return p
	}
	return api.RuleProblem(err)
}

// respond answers with the cart as it is now.
func (h *Handlers) respond(c *gin.Context, status int) error {
	v, err := h.svc().Load(c, owner(c))
	if err != nil {
		return err
	}
	c.JSON(status, v)
	return nil
}

// GET /v1/sites/:site/cart
func (h *Handlers) get(c *gin.Context) error { return h.respond(c, http.StatusOK) }

// GET /v1/sites/:site/cart/checkout-readiness
func (h *Handlers) readiness(c *gin.Context) error {
	v, err := h.svc().Load(c, owner(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v.Readiness)
	return nil
}

// DELETE /v1/sites/:site/cart: empties it (the quotes are untouched).
func (h *Handlers) empty(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	if err := h.svc().Empty(c, api.Actor(c), owner(c)); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK)
}

// lineRef is a parsed :line: a catalog line's id, or a quote line
// (quote number and part number).
type lineRef struct {
	id          int64
	quote, part string
	isQuoteLine bool
}

var (
	quoteNumberRe = regexp.MustCompile(`^R?Q-[0-9]{4}-[0-9]{6,12}$`)
	partNumberRe  = regexp.MustCompile(`^[A-Z0-9]{1,20}$`)
)

// parseLine reads :line: a catalog line id (digits) or a quote line
// "<quote number>:<part number>"; anything else is a 400 naming line.
func parseLine(c *gin.Context) (lineRef, error) {
	s := c.Param("line")
	if number, part, ok := svc.SplitQuoteLine(s); ok && quoteNumberRe.MatchString(number) && partNumberRe.MatchString(part) {
		return lineRef{quote: number, part: part, isQuoteLine: true}, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != s {
		return lineRef{}, api.Invalid(api.FieldError{Field: "line",
			Detail: "must be a cart line id or a quote line <quote number>:<part number>"})
	}
	return lineRef{id: id}, nil
}
