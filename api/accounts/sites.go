package accounts

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

type siteDetail struct {
	SiteNumber      string    `json:"site_number"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"`
	Country         string    `json:"country"`
	Currency        string    `json:"currency"`
	CustomerNumber  string    `json:"customer_number"`
	CustomerName    string    `json:"customer_name"`
	AgreementNumber string    `json:"agreement_number,omitempty"`
	Anniversary     *string   `json:"anniversary,omitempty"`
	VolumeLevel     string    `json:"volume_level,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	You             youOnSite `json:"you"`
}

type youOnSite struct {
	Primary    bool              `json:"primary"`
	Privileges map[string]string `json:"privileges"`
}

func namedPrivileges(p models.Privileges, primary bool) map[string]string {
	out := map[string]string{}
	for t, l := range p.Named() {
		out[string(t)] = l
	}
	if primary {
		out[string(models.ToolAccountManagement)] = "held"
	}
	return out
}

// GET /v1/sites/:site
func (h *Handlers) getSite(c *gin.Context) error {
	a := api.SiteOf(c)
	var site models.Site
	if err := h.DB.WithContext(c).Preload("Customer").Preload("Agreement").Take(&site, a.Site.ID).Error; err != nil {
		return fmt.Errorf("load site: %w", err)
	}
	d := siteDetail{
		SiteNumber: site.SiteNumber, Name: site.Name, Kind: string(site.Kind), Country: site.Country,
		Currency: site.Currency, CreatedAt: site.CreatedAt,
		You: youOnSite{Primary: a.IsPrimary, Privileges: namedPrivileges(a.Privileges, a.IsPrimary)},
	}
	if site.Customer != nil {
		d.CustomerNumber, d.CustomerName = site.Customer.CustomerNumber, site.Customer.Name
	}
	if site.Agreement != nil {
		ann := site.Agreement.Anniversary.Format(time.DateOnly)
		d.AgreementNumber, d.Anniversary, d.VolumeLevel = site.Agreement.AgreementNumber, &ann, site.Agreement.VolumeLevel
	}
	c.JSON(http.StatusOK, d)
	return nil
}
