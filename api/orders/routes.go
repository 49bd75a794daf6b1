// Package orders holds the HTTP handlers of the orders and documents
// domains (SPEC G5–G8): a checkout becomes an order (POST with an
// Idempotency-Key: the same key and body is the same order), the order's
// status and printable confirmation, a site's orders of the last days, a
// new card or method after a decline, the IBM side's decision on a
// purchase order, and a site's documents (its Proofs of Entitlement with
// its agreement's documents, SPEC B4 tool 7). The API never edits an
// order: it starts the order's workflow with a submit update (the
// workflow writes the rows), sends decisions as updates, and serves
// everything else from the read model (internal/orders).
package orders

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/orders"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// Handlers are the order and document routes with what they use.
type Handlers struct {
	DB        *gorm.DB
	Temporal  client.Client
	TaskQueue string
	// Gateway tokenizes a new card after a decline (at the edge).
	Gateway payment.Gateway
	// Timers are the orders' clock; zero means order.DefaultTimers().
	Timers order.Timers
}

// Routes declares the routes. Ordering and reading orders need Software &
// services at its highest level on the order's site (another site's order
// is 404 whether the reference is guessed or not); documents need
// Account-related documents = view (an agreement document on any site of
// its agreement). Purchase order decisions are staff routes for ibm-ops
// and the customer's sales rep.
func (h *Handlers) Routes(r *api.Router) {
	full := api.OnSite(models.ToolSoftware, models.SoftwareFull)
	r.Handle("POST", "/sites/:site/orders", full, h.submit)
	r.Handle("GET", "/sites/:site/orders", full, h.list)
	ofOrder := full.Of(h.resolve)
	r.Handle("GET", "/orders/:ref", ofOrder, h.get)
	r.Handle("GET", "/orders/:ref/confirmation", ofOrder, h.confirmation)
	r.Handle("GET", "/orders/:ref/confirmation.pdf", ofOrder, h.confirmationPDF)
	r.Handle("POST", "/orders/:ref/payment", ofOrder, h.pay)

	docs := api.OnSite(models.ToolDocuments, models.LevelView) // Proofs of Entitlement and agreement documents
	r.Handle("GET", "/sites/:site/documents", docs, h.listDocuments)
	r.Handle("GET", "/documents/:id", docs.Of(h.resolveDocument), h.document)

	ibm := api.Staff(auth.RoleIBMOps, auth.RoleSalesRep)
	r.Handle("GET", "/staff/orders", ibm, h.staffQueue)
	r.Handle("GET", "/staff/orders/:ref", ibm, h.staffGet)
	r.Handle("POST", "/staff/orders/:ref/purchase-order/confirm", ibm, h.confirmPO)
	r.Handle("POST", "/staff/orders/:ref/purchase-order/reject", ibm, h.rejectPO)
}

func (h *Handlers) timers() order.Timers {
	if h.Timers == (order.Timers{}) {
		return order.DefaultTimers()
	}
	return h.Timers
}

// temporalTimeout bounds a request's wait for Temporal: an outage answers
// 503 instead of holding the client.
const temporalTimeout = 10 * time.Second

// resolve resolves :ref to its order: its site is the scope of the
// route's requirement.
func (h *Handlers) resolve(c *gin.Context) (api.Resource, error) {
	hd, err := h.head(c, c.Param("ref"))
	if err != nil {
		return api.Resource{}, err
	}
	return api.Resource{SiteID: hd.SiteID, CustomerID: hd.CustomerID, Value: hd}, nil
}

// noSuch is the 404 of an order or document that does not exist, worded
// as the router words one the caller may not see (another site's), so
// the answer does not tell whether a guessed reference or id exists.
func noSuch() error { return api.NotFound("no such resource") }

func (h *Handlers) head(ctx context.Context, ref string) (orders.Head, error) {
	if !models.ValidOrderReference(ref) {
		return orders.Head{}, noSuch()
	}
	hd, err := orders.HeadOf(ctx, h.DB, ref)
	if errors.Is(err, orders.ErrNotFound) {
		return orders.Head{}, noSuch()
	}
	return hd, err
}

var (
	documentIDRe     = regexp.MustCompile(`^[1-9][0-9]{0,17}$`)
	documentNumberRe = regexp.MustCompile(`^POE-[0-9]{4}-[0-9]{6,12}$`)
	// agreementDocumentRe is an agreement document's number.
	agreementDocumentRe = regexp.MustCompile(`^AGR-[0-9]{4,10}-[0-9]{3}$`)
)

// resolveDocument resolves :id — a Proof of Entitlement's id or number
// (POE-2026-000001), or an agreement document's number (AGR-2000001-001)
// — to the site its requirement is checked on: a PoE's own site; for an
// agreement document, of the sites of its agreement (every one lists it),
// the one where the caller stands highest (orders.AgreementDocument.SiteFor).
func (h *Handlers) resolveDocument(c *gin.Context) (api.Resource, error) {
	s := c.Param("id")
	if agreementDocumentRe.MatchString(s) {
		return h.resolveAgreementDocument(c, s)
	}
	var d orders.Document
	var err error
	switch {
	case documentIDRe.MatchString(s):
		id, _ := strconv.ParseInt(s, 10, 64)
		d, err = orders.LoadDocument(c, h.DB, id)
	case documentNumberRe.MatchString(s):
		d, err = orders.LoadDocumentByNumber(c, h.DB, s)
	default:
		return api.Resource{}, noSuch()
	}
	if errors.Is(err, orders.ErrNotFound) {
		return api.Resource{}, noSuch()
	}
	if err != nil {
		return api.Resource{}, err
	}
	return api.Resource{SiteID: d.SiteID, Value: d}, nil
}

func (h *Handlers) resolveAgreementDocument(c *gin.Context, number string) (api.Resource, error) {
	d, err := orders.LoadAgreementDocument(c, h.DB, number)
	if errors.Is(err, orders.ErrNotFound) {
		return api.Resource{}, noSuch()
	}
	if err != nil {
		return api.Resource{}, err
	}
	site, ok, err := d.SiteFor(c, h.DB, api.Caller(c).ID)
	if err != nil {
		return api.Resource{}, err
	}
	if !ok {
		return api.Resource{}, noSuch()
	}
	return api.Resource{SiteID: site, CustomerID: d.CustomerID, Value: d}, nil
}
