// Package renewals holds the HTTP handlers of the renewals domain (SPEC
// F3–F5): the renewals awaiting the caller's action across their sites,
// the renewal quotes per month of due date with their totals, every
// renewal of an agreement or customer with its quote, and the renewal
// quote screen; the Primary Contact's verification of the site's
// contacts, the customer's channel (online, Business Partner or renewal
// rep), and the off-line order the IBM side records. The API never edits
// a renewal: its workflow (renewal/<site>/<due date>) writes the rows;
// actions are updates to it, views come from the read model
// (internal/renewals).
package renewals

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
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// Handlers are the renewal routes with what they use.
type Handlers struct {
	DB       *gorm.DB
	Temporal client.Client
}

// Routes declares the renewal routes. The lists are the caller's own:
// the renewals of the sites where they have Software & services at full.
// A renewal (:quote is its renewal quote number, or before the quote is
// issued its reference <site>-<YYYY-MM-DD>) needs Software & services at
// full on its site: anybody without access to the site gets 404, below
// full 403; verifying the contacts needs the site's Primary Contact too
// (403 otherwise). The external order is a staff route for ibm-ops and
// the customer's renewal rep (another customer's renewal is 404 to a
// renewal rep).
func (h *Handlers) Routes(r *api.Router) {
	r.Handle("GET", "/renewals", api.SignedIn(), h.list)
	ofRenewal := api.OnSite(models.ToolSoftware, models.SoftwareFull).Of(h.resolve)
	r.Handle("GET", "/renewals/:quote", ofRenewal, h.get)
	r.Handle("POST", "/renewals/:quote/verify-contacts", ofRenewal, h.verifyContacts)
	r.Handle("POST", "/renewals/:quote/channel", ofRenewal, h.chooseChannel)
	r.Handle("POST", "/staff/renewals/:quote/external-order", api.Staff(auth.RoleIBMOps, auth.RoleRenewalRep), h.externalOrder)
}

// temporalTimeout bounds a request's wait for Temporal: an outage answers
// 503 instead of holding the client.
const temporalTimeout = 10 * time.Second

// noSuch is the 404 of a renewal that does not exist, worded as the
// router words one the caller may not see (another site's), so the answer
// does not tell whether a guessed number exists.
func noSuch() error { return api.NotFound("no such resource") }

func (h *Handlers) load(c *gin.Context) (renewals.Row, error) {
	r, err := renewals.Load(c, h.DB, c.Param("quote"), api.Caller(c).ID)
	if errors.Is(err, renewals.ErrNotFound) {
		return r, noSuch()
	}
	return r, err
}

// resolve resolves :quote to its renewal: its site is the scope of the
// route's requirement.
func (h *Handlers) resolve(c *gin.Context) (api.Resource, error) {
	r, err := h.load(c)
	if err != nil {
		return api.Resource{}, err
	}
	return api.Resource{SiteID: r.SiteID, CustomerID: r.CustomerID, Value: r}, nil
}

// staffRenewal loads :quote for an IBM-side caller: ibm-ops sees every
// renewal, a renewal rep those of the customers they are the renewal rep
// of (or whose renewal quote they hold); any other does not exist for
// them (404).
func (h *Handlers) staffRenewal(c *gin.Context) (renewals.Row, error) {
	r, err := h.load(c)
	if err != nil {
		return r, err
	}
	if api.PrincipalOf(c).HasRole(auth.RoleIBMOps) {
		return r, nil
	}
	me := api.Caller(c).ID
	if (r.RenewalRepID != nil && *r.RenewalRepID == me) || (r.QuoteRepID != nil && *r.QuoteRepID == me) {
		return r, nil
	}
	return r, noSuch()
}

// refuseFinal answers an action on a renewal whose process has ended at
// once, naming its status.
func refuseFinal(r renewals.Row, action string) error {
	if r.Status.Final() {
		return api.Conflict("F2", fmt.Sprintf("renewal %s is %s: %s is not possible", r.Key(), r.Status, action))
	}
	return nil
}

// update sends an update to the renewal's workflow and answers with the
// renewal as recorded; refusals map to 400/403/409/422 naming the rule or
// field, an outage to 503.
func (h *Handlers) update(c *gin.Context, r renewals.Row, name string, arg any) error {
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	handle, err := h.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: r.WorkflowID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		var st renewal.State
		err = handle.Get(ctx, &st)
	}
	key := r.Key()
	if fresh, lerr := renewals.Load(c, h.DB, key, api.Caller(c).ID); lerr == nil {
		r = fresh
	}
	if err != nil {
		return updateProblem(err, r)
	}
	v, err := h.screen(c, r)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// updateProblem maps an update's refusal, matched by its type, to a
// problem; nothing changed in any of these cases.
func updateProblem(err error, r renewals.Row) error {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case renewal.ErrNotAllowed:
			p := api.Forbidden(app.Message())
			p.Rule = "F2"
			return p
		case renewal.ErrWrongStatus:
			return api.Conflict("F2", app.Message())
		case renewal.ErrInvalid:
			var field string
			if app.HasDetails() && app.Details(&field) == nil && field != "" {
				return api.Invalid(api.FieldError{Field: field, Detail: strings.TrimPrefix(app.Message(), field+": ")})
			}
			return api.Unprocessable("F2", app.Message())
		case renewal.ErrNotRecorded:
			return api.Unprocessable("F2", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		// No running process: it has ended (or never started).
		return api.Conflict("F2", fmt.Sprintf("renewal %s is %s: its process is not running", r.Key(), r.Status))
	}
	return api.TemporalDown(fmt.Errorf("update renewal %s: %w", r.Key(), err))
}

// person is the caller as the renewal names them.
func person(c *gin.Context) renewal.Person {
	u := api.Caller(c)
	return renewal.Person{ID: u.ID, Email: u.Email, Name: u.Name}
}
