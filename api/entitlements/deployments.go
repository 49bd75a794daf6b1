package entitlements

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// GET /v1/sites/:site/entitlements/:part/deployments: the entitlement's
// deployment records, oldest first, with its usage.
func (h *Handlers) listDeployments(c *gin.Context) error {
	p, err := part(c)
	if err != nil {
		return err
	}
	e, ds, err := h.svc().Deployments(c, api.SiteOf(c).Site.ID, p)
	if err != nil {
		return problem(err)
	}
	site := api.SiteOf(c).Site.SiteNumber
	c.JSON(http.StatusOK, gin.H{"entitlement": viewOf(site, e), "deployments": deploymentViews(site, ds)})
	return nil
}

type deploymentBody struct {
	Name        string `json:"name" validate:"required,notblank,singleline,max=200"`
	Environment string `json:"environment" validate:"required,oneof=production test development disaster_recovery"`
	Quantity    *int64 `json:"quantity" validate:"required,min=1,max=1000000"`
	Note        string `json:"note" validate:"multiline,max=2000"`
}

type deploymentPatchBody struct {
	Name        *string `json:"name" validate:"omitempty,notblank,singleline,max=200"`
	Environment *string `json:"environment" validate:"omitempty,oneof=production test development disaster_recovery"`
	Quantity    *int64  `json:"quantity" validate:"omitempty,min=1,max=1000000"`
	Note        *string `json:"note" validate:"omitempty,multiline,max=2000"`
}

// changed is a deployment record after a change, with its entitlement's
// usage: over_deployed says when more licences are deployed than owned
// (recorded, not refused).
type changed struct {
	deploymentView
	Usage svc.UsageView `json:"usage"`
}

// POST /v1/sites/:site/entitlements/:part/deployments: records where
// licences of the entitlement are deployed. 201 with the record and the
// entitlement's usage.
func (h *Handlers) addDeployment(c *gin.Context) error {
	p, err := part(c)
	if err != nil {
		return err
	}
	var b deploymentBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	ch, err := h.svc().AddDeployment(c, editor(c), api.SiteOf(c).Site.ID, p, svc.DeploymentInput{
		Name: b.Name, Environment: models.DeploymentEnvironment(b.Environment), Quantity: *b.Quantity, Note: b.Note,
	})
	if err != nil {
		return problem(err)
	}
	v := deploymentOf(api.SiteOf(c).Site.SiteNumber, ch.Deployment)
	c.Header("Location", v.Links["self"])
	c.JSON(http.StatusCreated, changed{v, svc.ViewOf(ch.Usage)})
	return nil
}

// GET /v1/deployments/:deployment: one deployment record with its entitlement's
// usage.
func (h *Handlers) getDeployment(c *gin.Context) error {
	d := api.Loaded[svc.Deployment](c)
	e, err := h.svc().Get(c, d.SiteID, d.PartNumber)
	if err != nil {
		return problem(err)
	}
	c.JSON(http.StatusOK, changed{deploymentOf(api.SiteOf(c).Site.SiteNumber, d), svc.ViewOf(e.Usage())})
	return nil
}

// PATCH /v1/deployments/:deployment: changes the fields sent (name, environment,
// quantity, note); 200 with the record and its entitlement's usage.
func (h *Handlers) patchDeployment(c *gin.Context) error {
	d := api.Loaded[svc.Deployment](c)
	var b deploymentPatchBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	p := svc.DeploymentPatch{Name: b.Name, Quantity: b.Quantity, Note: b.Note}
	if b.Environment != nil {
		e := models.DeploymentEnvironment(*b.Environment)
		p.Environment = &e
	}
	ch, err := h.svc().UpdateDeployment(c, editor(c), d.SiteID, d.ID, p)
	if err != nil {
		return gone(err)
	}
	c.JSON(http.StatusOK, changed{deploymentOf(api.SiteOf(c).Site.SiteNumber, ch.Deployment), svc.ViewOf(ch.Usage)})
	return nil
}

// DELETE /v1/deployments/:deployment: removes the record; 200 with the
// entitlement's usage after.
func (h *Handlers) deleteDeployment(c *gin.Context) error {
	d := api.Loaded[svc.Deployment](c)
	if err := api.NoBody(c); err != nil {
		return err
	}
	u, err := h.svc().RemoveDeployment(c, editor(c), d.SiteID, d.ID)
	if err != nil {
		return gone(err)
	}
	site := api.SiteOf(c).Site.SiteNumber
	c.JSON(http.StatusOK, gin.H{"removed": d.ID, "part_number": d.PartNumber, "usage": svc.ViewOf(u),
		"links": map[string]string{"entitlement": "/v1/sites/" + site + "/entitlements/" + d.PartNumber}})
	return nil
}

// gone maps a refusal of a change to a loaded record: removed meanwhile
// is the 404 of any unknown record.
func gone(err error) error {
	if errors.Is(err, svc.ErrNotFound) {
		return api.NotFound("no such resource")
	}
	return problem(err)
}
