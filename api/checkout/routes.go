// Package checkout holds the HTTP handlers of the checkout (SPEC G1–G4):
// the current terms, a checkout started from the caller's cart on a site,
// its review, billing and shipping details, the acceptance of the terms
// and the payment method. Every change is a plain edit through the
// internal/checkout service (one transaction with an audit row each).
//
// Card data (number, security code) exists only in the request that
// carries it: it is checked (models.CheckCard) and exchanged for a token
// (payment.Gateway.Tokenize) in the handler, and only the token, brand,
// last four digits and expiry go further. No handler here logs a body or
// puts a value of one in an error.
package checkout

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
)

// Handlers are the checkout routes with what they use.
type Handlers struct {
	DB      *gorm.DB
	Gateway payment.Gateway
}

// Routes declares the checkout routes. A checkout needs Software &
// services at full on its site, like the cart it comes from, and belongs
// to the user who started it: another site's checkout, and another user's
// on the caller's own site, do not exist for the caller (404); the owner
// below full is refused (403). Its path parameter is :checkout, not :id:
// the strange-input tests give each parameter name one value, and :id
// belongs to other resources there.
func (h *Handlers) Routes(r *api.Router) {
	full := api.OnSite(models.ToolSoftware, models.SoftwareFull)
	r.Handle("GET", "/terms/current", api.SignedIn(), h.currentTerms)
	r.Handle("POST", "/sites/:site/checkouts", full, h.start)
	mine := Mine(full.Of(Resolve(h.DB)))
	r.Handle("GET", "/checkouts/:checkout", mine, h.get)
	r.Handle("PUT", "/checkouts/:checkout/details", mine, h.details)
	r.Handle("POST", "/checkouts/:checkout/terms", mine, h.terms)
	r.Handle("PUT", "/checkouts/:checkout/payment", mine, h.payment)
}

// Checkout is what Resolve loads: the checkout's id, site and owner.
type Checkout struct {
	ID     int64
	SiteID int64
	UserID int64
}

// Resolve resolves :checkout to a checkout: its site is the scope of the
// route's requirement and its user the owner. An id that is not a
// positive number, or no checkout, is 404.
func Resolve(db *gorm.DB) api.Resolver {
	return func(c *gin.Context) (api.Resource, error) {
		id, ok := parseID(c.Param("checkout"))
		if !ok {
			return api.Resource{}, api.NotFound("no such checkout")
		}
		var row struct {
			Checkout
			CustomerID int64
		}
		if err := db.WithContext(c).Raw(`SELECT c.id, c.site_id, c.user_id, s.customer_id FROM checkouts c
			JOIN sites s ON s.id = c.site_id WHERE c.id = ?`, id).Scan(&row).Error; err != nil {
			return api.Resource{}, err
		}
		if row.ID == 0 {
			return api.Resource{}, api.NotFound("no such checkout")
		}
		return api.Resource{SiteID: row.SiteID, CustomerID: row.CustomerID, OwnerID: row.UserID, Value: row.Checkout}, nil
	}
}

// Mine restricts a requirement to the resource's owner: to anybody else
// with access to its site the checkout does not exist (404).
func Mine(n api.Need) api.Need {
	return n.Visible(func(c *gin.Context, r api.Resource) bool { return r.OwnerID == api.Caller(c).ID })
}

func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == s
}

func (h *Handlers) svc() *svc.Service { return &svc.Service{DB: h.DB} }

// owner is the caller on the site of the route: the :site of a site route,
// or the resolved checkout's site.
func owner(c *gin.Context) svc.Owner {
	return svc.Owner{SiteID: api.SiteOf(c).Site.ID, UserID: api.Caller(c).ID}
}

// checkoutID is the resolved checkout's id.
func checkoutID(c *gin.Context) int64 { return api.Loaded[Checkout](c).ID }

// problem maps the service's refusals: bad fields 400, no such checkout
// 404, a state that refuses the change 409 naming the field.
func problem(err error) error {
	var (
		fe  svc.FieldErrors
		ce  *svc.ConflictError
		noe *svc.NotOpenError
	)
	switch {
	case errors.As(err, &fe):
		fields := make([]api.FieldError, len(fe))
		for i, f := range fe {
			fields[i] = api.FieldError{Field: f.Field, Detail: f.Detail}
		}
		return api.Invalid(fields...)
	case errors.Is(err, svc.ErrNotFound):
		return api.NotFound("no such checkout")
	case errors.As(err, &ce):
		p := api.Conflict(ce.Rule, ce.Field+": "+ce.Detail)
		p.Errors = []api.FieldError{{Field: ce.Field, Detail: ce.Detail}}
		return p
	case errors.As(err, &noe):
		detail := "this checkout is " + string(noe.Status) + ": start a new checkout from the cart"
		if noe.Status == models.CheckoutOrdered {
			detail = "this checkout was ordered as " + noe.OrderRef + ": start a new checkout from the cart"
		}
		return api.Conflict("G1", detail)
	case errors.Is(err, svc.ErrNoTerms):
		return api.Unavailable("no terms and conditions are published: checkout is not possible now")
	}
	return err
}

// respond answers with the checkout's review.
func (h *Handlers) respond(c *gin.Context, status int, id int64) error {
	v, err := h.svc().Load(c, owner(c), id)
	if err != nil {
		return problem(err)
	}
	c.JSON(status, v)
	return nil
}

// GET /v1/terms/current
func (h *Handlers) currentTerms(c *gin.Context) error {
	t, err := svc.CurrentTerms(c, h.DB, time.Now())
	if err != nil {
		return problem(err)
	}
	c.JSON(http.StatusOK, t)
	return nil
}

// notReady is the 409 of a cart that cannot go to checkout: a problem
// with every reason of the cart's readiness as an extension member.
type notReady struct {
	*api.Problem
	Reasons []reason `json:"reasons"`
}

type reason struct {
	Code        string `json:"code"`
	Detail      string `json:"detail"`
	QuoteNumber string `json:"quote_number,omitempty"`
	PartNumber  string `json:"part_number,omitempty"`
	Line        string `json:"line,omitempty"`
}

// POST /v1/sites/:site/checkouts: no body (or an empty one).
func (h *Handlers) start(c *gin.Context) error {
	if err := api.NoBody(c); err != nil {
		return err
	}
	id, err := h.svc().Start(c, api.Actor(c), owner(c))
	var nr *svc.NotReadyError
	if errors.As(err, &nr) {
		out := notReady{Reasons: make([]reason, len(nr.Reasons))}
		details := make([]string, len(nr.Reasons))
		for i, r := range nr.Reasons {
			out.Reasons[i] = reason{Code: r.Code, Detail: r.Detail, QuoteNumber: r.QuoteNumber, PartNumber: r.PartNumber, Line: r.Line}
			details[i] = r.Detail
		}
		out.Problem = api.Conflict("G1", "the cart cannot go to checkout: "+strings.Join(details, "; "))
		out.Instance, out.RequestID = c.Request.URL.Path, api.RequestID(c)
		c.Header("Content-Type", "application/problem+json")
		c.AbortWithStatusJSON(http.StatusConflict, out)
		return nil
	}
	if err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusCreated, id)
}

// GET /v1/checkouts/:checkout
func (h *Handlers) get(c *gin.Context) error { return h.respond(c, http.StatusOK, checkoutID(c)) }
