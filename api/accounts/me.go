package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

type meResponse struct {
	Email   string        `json:"email"`
	Roles   []string      `json:"roles"`
	Sites   []siteView    `json:"sites"`
	Support []supportView `json:"support"`
}

// supportView is the caller's support access on one account they belong
// to (D1): the effective level (a Site Technical Contact is administrator).
type supportView struct {
	CustomerNumber string `json:"customer_number"`
	Level          string `json:"support_level"`
	STC            bool   `json:"site_technical_contact"`
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

func (h *Handlers) getMe(c *gin.Context) error {
	p, u := api.PrincipalOf(c), api.Caller(c)
	sites, err := h.sitesOf(c, u.ID)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	support, err := h.supportOf(c, u.ID)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	roles := p.Roles
	if roles == nil {
		roles = []string{}
	}
	c.JSON(http.StatusOK, meResponse{Email: u.Email, Roles: roles, Sites: sites, Support: support})
	return nil
}

// supportOf lists the caller's support level on every account they belong
// to, in one query.
func (h *Handlers) supportOf(ctx context.Context, userID int64) ([]supportView, error) {
	var rows []struct {
		CustomerNumber string
		Level          models.SupportLevel
		STC            bool
	}
	err := h.DB.WithContext(ctx).Raw(`
		SELECT c.customer_number, COALESCE(sa.level, 0) AS level,
		       EXISTS (SELECT 1 FROM site_contacts sc JOIN sites s ON s.id = sc.site_id
		               WHERE s.customer_id = c.id AND sc.user_id = @u AND sc.role = 'technical') AS stc
		FROM customers c
		LEFT JOIN support_access sa ON sa.customer_id = c.id AND sa.user_id = @u
		WHERE c.id IN (SELECT s.customer_id FROM sites s JOIN site_access a ON a.site_id = s.id WHERE a.user_id = @u
		               UNION SELECT s.customer_id FROM sites s JOIN site_contacts sc ON sc.site_id = s.id WHERE sc.user_id = @u)
		ORDER BY c.customer_number`, sql.Named("u", userID)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list support access: %w", err)
	}
	out := make([]supportView, 0, len(rows))
	for _, r := range rows {
		l := r.Level
		if r.STC {
			l = models.SupportAdmin
		}
		out = append(out, supportView{CustomerNumber: r.CustomerNumber, Level: l.String(), STC: r.STC})
	}
	return out, nil
}

// sitesOf lists the sites a user can access, with their roles and effective
// privileges on each, in three queries whatever the number of sites.
func (h *Handlers) sitesOf(ctx context.Context, userID int64) ([]siteView, error) {
	type row struct {
		models.Site
		CustomerNumber string
	}
	var rows []row
	err := h.DB.WithContext(ctx).Table("sites").
		Select("sites.*, customers.customer_number").
		Joins("JOIN customers ON customers.id = sites.customer_id").
		Where("sites.id IN (SELECT site_id FROM site_access WHERE user_id = ? UNION SELECT site_id FROM site_contacts WHERE user_id = ?)", userID, userID).
		Order("sites.site_number").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list sites: %w", err)
	}
	var access []models.SiteAccess
	if err := h.DB.WithContext(ctx).Where("user_id = ?", userID).Find(&access).Error; err != nil {
		return nil, fmt.Errorf("list access: %w", err)
	}
	var contacts []models.SiteContact
	if err := h.DB.WithContext(ctx).Where("user_id = ?", userID).Order("role").Find(&contacts).Error; err != nil {
		return nil, fmt.Errorf("list contact roles: %w", err)
	}
	priv := map[int64]models.Privileges{}
	for _, a := range access {
		priv[a.SiteID] = a.Privileges()
	}
	roles := map[int64][]string{}
	primary := map[int64]bool{}
	for _, ct := range contacts {
		roles[ct.SiteID] = append(roles[ct.SiteID], string(ct.Role))
		if ct.Role == models.RolePrimary {
			primary[ct.SiteID] = true
		}
	}
	out := make([]siteView, 0, len(rows))
	for _, r := range rows {
		p := models.EffectivePrivileges(priv[r.ID], primary[r.ID])
		rs := roles[r.ID]
		if rs == nil {
			rs = []string{}
		}
		out = append(out, siteView{
			SiteNumber: r.SiteNumber, Name: r.Name, Kind: string(r.Kind), CustomerNumber: r.CustomerNumber,
			ContactRoles: rs, Privileges: namedPrivileges(p, primary[r.ID]), Primary: primary[r.ID],
		})
	}
	return out, nil
}
