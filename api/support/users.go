package support

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

type supportUserView struct {
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
	Level string `json:"support_level"`
	STC   bool   `json:"site_technical_contact"`
}

// GET /v1/accounts/:customer/support-users (D1 administrator: view users):
// every user of the account's sites with their support level.
func (h *Handlers) listSupportUsers(c *gin.Context) error {
	cust := api.AccountOf(c).Customer
	var rows []struct {
		Email string
		Name  string
		Level *models.SupportLevel
		STC   bool
	}
	err := h.DB.WithContext(c).Raw(`
		SELECT u.email, u.name, sa.level,
		       EXISTS (SELECT 1 FROM site_contacts sc JOIN sites s2 ON s2.id = sc.site_id
		               WHERE s2.customer_id = ? AND sc.user_id = u.id AND sc.role = 'technical') AS stc
		FROM users u
		LEFT JOIN support_access sa ON sa.user_id = u.id AND sa.customer_id = ?
		WHERE EXISTS (SELECT 1 FROM site_access a JOIN sites s ON s.id = a.site_id WHERE s.customer_id = ? AND a.user_id = u.id)
		ORDER BY u.email`, cust.ID, cust.ID, cust.ID).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("list support users: %w", err)
	}
	out := make([]supportUserView, 0, len(rows))
	for _, r := range rows {
		l := models.SupportNone
		if r.Level != nil {
			l = *r.Level
		}
		if r.STC {
			l = models.SupportAdmin
		}
		out = append(out, supportUserView{Email: r.Email, Name: r.Name, Level: l.String(), STC: r.STC})
	}
	c.JSON(http.StatusOK, gin.H{"customer_number": cust.CustomerNumber, "users": out})
	return nil
}

type supportLevelBody struct {
	Level string `json:"support_level" validate:"required,oneof=none basic full administrator"`
}

// PUT /v1/accounts/:customer/support-users/:user (D1 administrator: change
// levels, including back to none).
func (h *Handlers) putSupportUser(c *gin.Context) error {
	email, err := api.EmailParam(c, "user")
	if err != nil {
		return err
	}
	var b supportLevelBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	level, err := models.ParseSupportLevel(b.Level)
	if err != nil {
		return api.Invalid(api.FieldError{Field: "support_level", Detail: err.Error()})
	}
	if err := h.svc().SetSupportLevel(c, api.Actor(c), api.AccountOf(c).Customer.ID, email, level); err != nil {
		return api.RuleProblem(err)
	}
	return h.listSupportUsers(c)
}
