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
}
