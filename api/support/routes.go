// Package support holds the HTTP handlers of the support domain (D1–D3):
// support cases with their visibility rules, and the account's support
// users and levels, managed by its support administrators.
package support

import (
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// Handlers are the support routes with what they use.
type Handlers struct {
	DB *gorm.DB
}

// Routes declares the support routes with their requirements. Case routes
// resolve the case first: its account is the scope of the support level.
func (h *Handlers) Routes(r *api.Router) {
	basic, full, admin := models.SupportBasic, models.SupportFull, models.SupportAdmin
	onCase := func(l models.SupportLevel) api.Need {
		return api.OnAccount(l).Of(h.loadCase).Visible(caseVisible)
	}
	r.Handle("POST", "/accounts/:customer/cases", api.OnAccount(basic), h.postCase)
	r.Handle("GET", "/accounts/:customer/cases", api.OnAccount(basic), h.listCases)
	r.Handle("GET", "/cases/:id", onCase(basic), h.getCase)
	r.Handle("POST", "/cases/:id/updates", onCase(basic), h.postCaseUpdate)
	r.Handle("POST", "/cases/:id/interested-parties", onCase(full), h.postCaseParty)
	r.Handle("PUT", "/accounts/:customer/case-following", api.OnAccount(full), h.putFollowing)
	r.Handle("DELETE", "/accounts/:customer/case-following", api.OnAccount(full), h.deleteFollowing)
	r.Handle("GET", "/accounts/:customer/support-users", api.OnAccount(admin), h.listSupportUsers)
	r.Handle("PUT", "/accounts/:customer/support-users/:user", api.OnAccount(admin), h.putSupportUser)
}

func (h *Handlers) svc() *svc.Service { return &svc.Service{DB: h.DB} }
