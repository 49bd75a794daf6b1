// Package quotes holds the HTTP handlers of the quotes domain (SPEC E2,
// E4): customers request quotes for a site, read them with every version
// and change request, ask for changes and cancel; the customer's IBM rep
// works a queue of their quotes and issues, revises or declines. The API
// never edits a quote's state: it starts the quote's workflow with a
// submit update (the workflow writes the rows), sends every decision as an
// update, and serves lists and details from the read model.
package quotes

import (
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// Handlers are the quote routes with what they use.
type Handlers struct {
	DB        *gorm.DB
	Temporal  client.Client
	TaskQueue string
	// Timers are the quotes' clock; zero means quote.DefaultTimers().
	Timers quote.Timers
}

// Routes declares the quote routes. Quotes need Software & services at
// its highest level (quotes, catalog, renewals) on the quote's site; a
// quote of a site the caller has no access to is 404. Rep actions are
// staff routes for the sales and renewal reps; the workflow refuses a rep
// who is not the quote's (403).
func (h *Handlers) Routes(r *api.Router) {
	full := api.OnSite(models.ToolSoftware, models.SoftwareFull)
	r.Handle("POST", "/sites/:site/quotes", full, h.request)
	r.Handle("GET", "/sites/:site/quotes", full, h.listSite)
	ofQuote := full.Of(h.resolve)
	r.Handle("GET", "/quotes/:number", ofQuote, h.get)
	r.Handle("POST", "/quotes/:number/change-requests", ofQuote, h.requestChange)
	r.Handle("POST", "/quotes/:number/cancel", ofQuote, h.cancel)

	rep := api.Staff(auth.RoleSalesRep, auth.RoleRenewalRep)
	r.Handle("GET", "/staff/quotes", rep, h.queue)
	r.Handle("GET", "/staff/quotes/:number", rep, h.getStaff)
	r.Handle("POST", "/staff/quotes/:number/issue", rep, h.issue)
	r.Handle("POST", "/staff/quotes/:number/decline", rep, h.decline)
	r.Handle("POST", "/staff/quotes/:number/decline-change", rep, h.declineChange)
}

func (h *Handlers) timers() quote.Timers {
	if h.Timers == (quote.Timers{}) {
		return quote.DefaultTimers()
	}
	return h.Timers
}
