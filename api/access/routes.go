// Package access holds the HTTP handlers of the access domain: the
// self-nomination (C1–C6) and support-access (D2) requests. The API never
// edits a request's state: it starts the request's workflow with a submit
// update (the workflow writes the row), sends decisions and withdrawals as
// updates, and serves lists and details from the read model.
package access

import (
	"time"

	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// Handlers are the access-request routes with what they use.
type Handlers struct {
	DB        *gorm.DB
	Temporal  client.Client
	TaskQueue string
	Timers    Timers
}

// Timers are the C5 reminder, escalation and expiry delays.
type Timers struct {
	RemindAfter, EscalateAfter, ExpireAfter time.Duration
}

// Routes declares the access-request routes. Routes about one request
// resolve it first: its site (nominations) or account (support access) is
// the scope the requirement is checked on; the requester sees their own.
func (h *Handlers) Routes(r *api.Router) {
	nom, sup := models.KindNomination, models.KindSupportAccess
	approver := api.OnSite(models.ToolManageAccess, models.LevelUpdate).Of(h.load(nom))
	r.Handle("POST", "/nominations", api.SignedIn(), h.postNomination)
	r.Handle("GET", "/nominations", api.SignedIn(), h.list(nom))
	r.Handle("GET", "/nominations/:id", approver.OrOwner(), h.get)
	r.Handle("POST", "/nominations/:id/decision", approver, h.decide(nom))
	r.Handle("POST", "/nominations/:id/withdraw", api.Owner(h.load(nom)), h.withdraw)

	admin := api.OnAccount(models.SupportAdmin).Of(h.load(sup))
	r.Handle("POST", "/support-access-requests", api.SignedIn(), h.postSupportRequest)
	r.Handle("GET", "/support-access-requests", api.SignedIn(), h.list(sup))
	r.Handle("GET", "/support-access-requests/:id", admin.OrOwner(), h.get)
	r.Handle("POST", "/support-access-requests/:id/decision", admin, h.decide(sup))
	r.Handle("POST", "/support-access-requests/:id/withdraw", api.Owner(h.load(sup)), h.withdraw)
}
