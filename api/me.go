package api

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

type meResponse struct {
	Email string     `json:"email"`
	Roles []string   `json:"roles"`
	Sites []siteView `json:"sites"`
}

type siteView struct {
	SiteNumber     string            `json:"site_number"`
	Name           string            `json:"name"`
	Kind           string            `json:"kind"`
	CustomerNumber string            `json:"customer_number"`
	ContactRoles   []string          `json:"contact_roles"`
	Privileges     map[string]string `json:"privileges"`
	Primary        bool              `json:"primary"`
}

func (s *Server) getMe(c *gin.Context) error {
	p, u := principal(c), currentUser(c)
	sites, err := s.sitesOf(c, u.ID)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	roles := p.Roles
	if roles == nil {
		roles = []string{}
	}
	c.JSON(http.StatusOK, meResponse{Email: u.Email, Roles: roles, Sites: sites})
	return nil
}
