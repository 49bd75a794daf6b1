package api

import "github.com/gin-gonic/gin"

// registerRoutes declares every /v1 route with its requirement.
func (s *Server) registerRoutes(v1 *gin.RouterGroup) {
	s.route(v1, "GET", "/me", SignedIn(), s.getMe)
}
