package accounts

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

type contactView struct {
	Role  string `json:"role"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// GET /v1/sites/:site/contacts (A5)
func (h *Handlers) listContacts(c *gin.Context) error {
	cs, err := svc.Contacts(c, h.DB, api.SiteOf(c).Site.ID)
	if err != nil {
		return err
	}
	out := make([]contactView, 0, len(cs))
	for _, ct := range cs {
		v := contactView{Role: string(ct.Role)}
		if ct.User != nil {
			v.Email, v.Name = ct.User.Email, ct.User.Name
		}
		out = append(out, v)
	}
	c.JSON(http.StatusOK, gin.H{"site_number": api.SiteOf(c).Site.SiteNumber, "contacts": out})
	return nil
}

type assignContactBody struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

func roleParam(c *gin.Context) (models.ContactRole, error) {
	r := models.ContactRole(c.Param("role"))
	if !r.Valid() {
		return r, api.Invalid(api.FieldError{Field: "role", Detail: fmt.Sprintf("must be one of %v", models.ContactRoles)})
	}
	return r, nil
}

// PUT /v1/sites/:site/contacts/:role
func (h *Handlers) putContact(c *gin.Context) error {
	role, err := roleParam(c)
	if err != nil {
		return err
	}
	var b assignContactBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	if err := h.mayChangeRole(c, role); err != nil {
		return err
	}
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil {
		return api.Invalid(api.FieldError{Field: "email", Detail: "must be an email address"})
	}
	if err := h.svc().AssignContact(c, api.Actor(c), api.SiteOf(c).Site, role, email); err != nil {
		return api.RuleProblem(err)
	}
	return h.listContacts(c)
}

// mayChangeRole guards the roles that carry more than contact details: the
// primary role carries account management (only the Primary hands it on,
// B2), and the STC is the account's support administrator (D2), so only
// the Primary or a support administrator of the account assigns it.
func (h *Handlers) mayChangeRole(c *gin.Context, role models.ContactRole) error {
	a := api.SiteOf(c)
	switch {
	case a.IsPrimary || (role != models.RolePrimary && role != models.RoleTechnical):
		return nil
	case role == models.RoleTechnical:
		st, _, err := svc.AccountStandingByID(c, h.DB, api.Caller(c).ID, a.Site.CustomerID)
		if err != nil {
			return fmt.Errorf("load account standing: %w", err)
		}
		if st.Level >= models.SupportAdmin {
			return nil
		}
	}
	p := api.Forbidden(fmt.Sprintf("only the Primary Contact changes the %s role", role))
	if role == models.RoleTechnical {
		p.Detail = "only the Primary Contact or a support administrator changes the technical role"
	}
	p.Rule = "B2"
	return p
}

// DELETE /v1/sites/:site/contacts/:role/:email
func (h *Handlers) deleteContact(c *gin.Context) error {
	role, err := roleParam(c)
	if err != nil {
		return err
	}
	email, err := api.EmailParam(c, "email")
	if err != nil {
		return err
	}
	if err := h.mayChangeRole(c, role); err != nil {
		return err
	}
	err = h.svc().RemoveContact(c, api.Actor(c), api.SiteOf(c).Site, role, email)
	if errors.Is(err, svc.ErrRoleNotHeld) {
		return api.NotFound(fmt.Sprintf("%s does not hold the %s role on this site", email, role))
	}
	if err != nil {
		return api.RuleProblem(err)
	}
	return h.listContacts(c)
}
