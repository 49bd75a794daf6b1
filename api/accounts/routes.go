// Package accounts holds the HTTP handlers of the accounts domain: the
// caller (/v1/me), sites, contact roles (A2–A5), users and privileges
// (B1–B2), the site audit trail (H4) and enrolment. Changes go through the
// internal/accounts service, one transaction with its audit row each.
package accounts

import (
	"time"

	"gorm.io/gorm"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

// Handlers are the accounts routes with what they use.
type Handlers struct {
	DB *gorm.DB
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Routes declares the accounts routes with their requirements (B3).
func (h *Handlers) Routes(r *api.Router) {
	const (
		none   = models.LevelNone
		view   = models.LevelView
		update = models.LevelUpdate
	)
	r.Handle("GET", "/me", api.SignedIn(), h.getMe)
	r.Handle("POST", "/enrollments", api.Staff(auth.RoleIBMOps), h.postEnrollment)

	r.Handle("GET", "/sites/:site", api.OnSite(models.ToolSoftware, none), h.getSite)
	r.Handle("GET", "/sites/:site/contacts", api.OnSite(models.ToolContactUpdate, view), h.listContacts)
	r.Handle("PUT", "/sites/:site/contacts/:role", api.OnSite(models.ToolContactUpdate, update), h.putContact)
	r.Handle("DELETE", "/sites/:site/contacts/:role/:email", api.OnSite(models.ToolContactUpdate, update), h.deleteContact)
	r.Handle("GET", "/sites/:site/users", api.OnSite(models.ToolManageAccess, view), h.listUsers)
	r.Handle("GET", "/sites/:site/users/:user/privileges", api.OnSite(models.ToolManageAccess, view), h.getPrivileges)
	r.Handle("PUT", "/sites/:site/users/:user/privileges", api.OnSite(models.ToolManageAccess, update), h.putPrivileges)
	r.Handle("DELETE", "/sites/:site/users/:user", api.OnSite(models.ToolManageAccess, update), h.deleteUser)
	r.Handle("GET", "/sites/:site/audit", api.OnSite(models.ToolManageAccess, view), h.listAudit)
	r.Handle("GET", "/accounts/:customer/audit", api.OnAccount(models.SupportAdmin).OrAccountManager(), h.listAccountAudit)
}

func (h *Handlers) svc() *svc.Service { return &svc.Service{DB: h.DB, Now: h.Now} }

// granterOf is the caller's standing as the privilege rules see it.
func granterOf(c *gin.Context) svc.Granter {
	a := api.SiteOf(c)
	return svc.Granter{Actor: api.Actor(c), Privileges: a.Privileges, IsPrimary: a.IsPrimary}
}
