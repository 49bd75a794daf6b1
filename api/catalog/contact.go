package catalog

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	svc "github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// contactView says whom to ask when the catalog shows nothing for a search
// (F22): the customer's IBM sales rep and, where the customer buys through
// one, its Business Partner.
type contactView struct {
	Message         string       `json:"message"`
	SalesRep        *personView  `json:"sales_rep,omitempty"`
	BusinessPartner *partnerView `json:"business_partner,omitempty"`
}

type personView struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

type partnerView struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// contact is whom the site's people should contact.
func (h *Handlers) contact(c *gin.Context, site models.Site) (*contactView, error) {
	ct, err := svc.SiteContacts(c, h.DB, site.ID)
	if err != nil {
		return nil, fmt.Errorf("contacts of site %s: %w", site.SiteNumber, err)
	}
	v := &contactView{}
	var who []string
	if r := ct.SalesRep; r != nil {
		v.SalesRep = &personView{Name: r.Name, Email: r.Email, Phone: r.Phone}
		who = append(who, "your IBM sales representative, "+named(r.Name, r.Email))
	} else {
		who = append(who, "your IBM sales representative")
	}
	if bp := ct.BusinessPartner; bp != nil {
		v.BusinessPartner = &partnerView{Name: bp.Name, Email: bp.Email}
		who = append(who, "your Business Partner, "+named(bp.Name, bp.Email))
	}
	v.Message = "No product matches this search. For a product or a price you cannot find here, contact " +
		strings.Join(who, ", or ") + "."
	return v, nil
}

// named is "Name (email)", or whichever of them is known.
func named(name, email string) string {
	switch {
	case name == "":
		return email
	case email == "":
		return name
	}
	return name + " (" + email + ")"
}
