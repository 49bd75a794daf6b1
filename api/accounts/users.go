package accounts

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

type siteUserView struct {
	Email      string            `json:"email"`
	Name       string            `json:"name,omitempty"`
	Roles      []string          `json:"contact_roles"`
	Primary    bool              `json:"primary"`
	Privileges map[string]string `json:"privileges"`
}

// siteUsers lists the users with access to a site (or one of them).
func (h *Handlers) siteUsers(c *gin.Context, siteID int64, email string) ([]siteUserView, error) {
	q := h.DB.WithContext(c).Preload("User").Joins("JOIN users ON users.id = site_access.user_id").
		Where("site_access.site_id = ?", siteID).Order("users.email")
	if email != "" {
		q = q.Where("users.email = ?", email)
	}
	var rows []models.SiteAccess
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list site users: %w", err)
	}
	var contacts []models.SiteContact
	if err := h.DB.WithContext(c).Where("site_id = ?", siteID).Order("role").Find(&contacts).Error; err != nil {
		return nil, fmt.Errorf("list contacts: %w", err)
	}
	roles := map[int64][]string{}
	for _, ct := range contacts {
		roles[ct.UserID] = append(roles[ct.UserID], string(ct.Role))
	}
	out := make([]siteUserView, 0, len(rows))
	for _, r := range rows {
		primary := false
		for _, role := range roles[r.UserID] {
			primary = primary || role == string(models.RolePrimary)
		}
		p := models.EffectivePrivileges(r.Privileges(), primary)
		rs := roles[r.UserID]
		if rs == nil {
			rs = []string{}
		}
		v := siteUserView{Roles: rs, Primary: primary, Privileges: namedPrivileges(p, primary)}
		if r.User != nil {
			v.Email, v.Name = r.User.Email, r.User.Name
		}
		out = append(out, v)
	}
	return out, nil
}

// GET /v1/sites/:site/users
func (h *Handlers) listUsers(c *gin.Context) error {
	users, err := h.siteUsers(c, api.SiteOf(c).Site.ID, "")
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"site_number": api.SiteOf(c).Site.SiteNumber, "users": users})
	return nil
}

// GET /v1/sites/:site/users/:user/privileges
func (h *Handlers) getPrivileges(c *gin.Context) error {
	email, err := api.EmailParam(c, "user")
	if err != nil {
		return err
	}
	users, err := h.siteUsers(c, api.SiteOf(c).Site.ID, email)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		return api.NotFound("no such user on this site")
	}
	c.JSON(http.StatusOK, users[0])
	return nil
}

type privilegesBody struct {
	Privileges map[string]string `json:"privileges" validate:"required"`
}

// PUT /v1/sites/:site/users/:user/privileges (B1–B2)
func (h *Handlers) putPrivileges(c *gin.Context) error {
	email, err := api.EmailParam(c, "user")
	if err != nil {
		return err
	}
	var b privilegesBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	p, bad := models.ParseNamed(b.Privileges)
	if len(bad) > 0 {
		return api.PrivilegeErrors(bad)
	}
	if _, err := h.svc().SetPrivileges(c, granterOf(c), api.SiteOf(c).Site, email, p); err != nil {
		return api.RuleProblem(err)
	}
	return h.getPrivileges(c)
}

// DELETE /v1/sites/:site/users/:user
func (h *Handlers) deleteUser(c *gin.Context) error {
	email, err := api.EmailParam(c, "user")
	if err != nil {
		return err
	}
	err = h.svc().RevokeAccess(c, granterOf(c), api.SiteOf(c).Site, email)
	if errors.Is(err, svc.ErrNoAccess) {
		return api.NotFound("no such user on this site")
	}
	if err != nil {
		return api.RuleProblem(err)
	}
	c.Status(http.StatusNoContent)
	return nil
}
