package api

import (
	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

// registerRoutes declares every /v1 route with its requirement (B3). A route
// registered any other way has no requirement and fails the route test.
func (s *Server) registerRoutes(v1 *gin.RouterGroup) {
	const (
		none   = models.LevelNone
		view   = models.LevelView
		update = models.LevelUpdate
	)
	s.route(v1, "GET", "/me", SignedIn(), s.getMe)
	s.route(v1, "POST", "/enrollments", Staff(auth.RoleIBMOps), s.postEnrollment)

	s.route(v1, "GET", "/sites/:site", OnSite(models.ToolSoftware, none), s.getSite)
	s.route(v1, "GET", "/sites/:site/contacts", OnSite(models.ToolContactUpdate, view), s.listContacts)
	s.route(v1, "PUT", "/sites/:site/contacts/:role", OnSite(models.ToolContactUpdate, update), s.putContact)
	s.route(v1, "DELETE", "/sites/:site/contacts/:role/:email", OnSite(models.ToolContactUpdate, update), s.deleteContact)
	s.route(v1, "GET", "/sites/:site/users", OnSite(models.ToolManageAccess, view), s.listUsers)
	s.route(v1, "GET", "/sites/:site/users/:user/privileges", OnSite(models.ToolManageAccess, view), s.getPrivileges)
	s.route(v1, "PUT", "/sites/:site/users/:user/privileges", OnSite(models.ToolManageAccess, update), s.putPrivileges)
	s.route(v1, "DELETE", "/sites/:site/users/:user", OnSite(models.ToolManageAccess, update), s.deleteUser)
	s.route(v1, "GET", "/sites/:site/audit", OnSite(models.ToolManageAccess, view), s.listAudit)
	s.registerRequestRoutes(v1)
	if s.DevMode {
		// Development only: the emails queued for the caller, newest first.
		s.route(v1, "GET", "/dev/mail", SignedIn(), s.devMail)
	}
}

// registerRequestRoutes declares the access-request and support routes.
func (s *Server) registerRequestRoutes(v1 *gin.RouterGroup) {
	nom, sup := models.KindNomination, models.KindSupportAccess
	approver := OnResource(models.ToolManageAccess, models.LevelUpdate)
	s.route(v1, "POST", "/nominations", SignedIn(), s.postNomination)
	s.route(v1, "GET", "/nominations", SignedIn(), s.listRequests(nom))
	s.route(v1, "GET", "/nominations/:id", approver, s.getRequest(nom))
	s.route(v1, "POST", "/nominations/:id/decision", approver, s.decideRequest(nom))
	s.route(v1, "POST", "/nominations/:id/withdraw", SignedIn(), s.withdrawRequest(nom))

	admin := OnAccount(models.SupportAdmin)
	s.route(v1, "POST", "/support-access-requests", SignedIn(), s.postSupportRequest)
	s.route(v1, "GET", "/support-access-requests", SignedIn(), s.listRequests(sup))
	s.route(v1, "GET", "/support-access-requests/:id", admin, s.getRequest(sup))
	s.route(v1, "POST", "/support-access-requests/:id/decision", admin, s.decideRequest(sup))
	s.route(v1, "POST", "/support-access-requests/:id/withdraw", SignedIn(), s.withdrawRequest(sup))

	basic := OnAccount(models.SupportBasic)
	s.route(v1, "POST", "/accounts/:customer/cases", basic, s.postCase)
	s.route(v1, "GET", "/accounts/:customer/cases", basic, s.listCases)
	s.route(v1, "GET", "/cases/:id", basic, s.getCase)
	s.route(v1, "POST", "/cases/:id/updates", basic, s.postCaseUpdate)
	s.route(v1, "POST", "/cases/:id/interested-parties", OnAccount(models.SupportFull), s.postCaseParty)
	s.route(v1, "GET", "/accounts/:customer/support-users", admin, s.listSupportUsers)
	s.route(v1, "PUT", "/accounts/:customer/support-users/:user", admin, s.putSupportUser)
}
