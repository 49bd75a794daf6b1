// Package entitlements holds the HTTP handlers of the Entitlements tool
// (SPEC B1 tool 3, B4) and of the Reporting tool's entitlements report: a
// site's inventory of licences and S&S coverage (filtered, paged, or a
// CSV download), one entitlement with its deployment records, and the
// deployment records that users with Entitlements = update keep. Reads
// and edits go through internal/entitlements; every edit is audited.
// IBM-side staff hold no site privileges, so these routes do not exist
// for them (404): deployments are the customer's own record.
package entitlements

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// Handlers are the entitlement routes with what they use.
type Handlers struct {
	DB *gorm.DB
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Routes declares the routes. The inventory and deployment records need
// Entitlements >= view on the site; recording, changing and removing a
// deployment Entitlements = update on the deployment's site (another
// site's deployment is 404 whether its id exists or not). The report
// needs Reporting = view.
func (h *Handlers) Routes(r *api.Router) {
	view := api.OnSite(models.ToolEntitlements, models.LevelView)
	update := api.OnSite(models.ToolEntitlements, models.LevelUpdate)
	r.Handle("GET", "/sites/:site/entitlements", view, h.list)
	r.Handle("GET", "/sites/:site/entitlements/:part", view, h.get)
	r.Handle("GET", "/sites/:site/entitlements/:part/deployments", view, h.listDeployments)
	r.Handle("POST", "/sites/:site/entitlements/:part/deployments", update, h.addDeployment)
	r.Handle("GET", "/deployments/:deployment", view.Of(h.resolve), h.getDeployment)
	r.Handle("PATCH", "/deployments/:deployment", update.Of(h.resolve), h.patchDeployment)
	r.Handle("DELETE", "/deployments/:deployment", update.Of(h.resolve), h.deleteDeployment)
	r.Handle("GET", "/sites/:site/reports/entitlements", api.OnSite(models.ToolReporting, models.LevelView), h.report)
}

func (h *Handlers) svc() *svc.Service { return &svc.Service{DB: h.DB, Now: h.Now} }

var (
	partRe         = regexp.MustCompile(`^[A-Za-z0-9]{1,20}$`)
	deploymentIDRe = regexp.MustCompile(`^[1-9][0-9]{0,17}$`)
)

// noEntitlement is the 404 of a part number the site is not entitled to.
func noEntitlement() error { return api.NotFound("this site has no entitlement of this part number") }

// part reads :part, a part number in any case; one that cannot be a part
// number is no entitlement.
func part(c *gin.Context) (string, error) {
	p := c.Param("part")
	if !partRe.MatchString(p) {
		return "", noEntitlement()
	}
	return strings.ToUpper(p), nil
}

// resolve resolves :deployment, a record's id, to the record: its site is
// the scope of the route's requirement. A malformed or unknown id is
// worded as the router words another site's record, so the answer does
// not tell whether a guessed id exists.
func (h *Handlers) resolve(c *gin.Context) (api.Resource, error) {
	s := c.Param("deployment")
	if !deploymentIDRe.MatchString(s) {
		return api.Resource{}, api.NotFound("no such resource")
	}
	id, _ := strconv.ParseInt(s, 10, 64)
	d, err := h.svc().Deployment(c, id)
	if errors.Is(err, svc.ErrNotFound) {
		return api.Resource{}, api.NotFound("no such resource")
	}
	if err != nil {
		return api.Resource{}, err
	}
	return api.Resource{SiteID: d.SiteID, Value: d}, nil
}

// problem maps the service's refusals: bad input 400 naming the field,
// nothing of that part number or id 404, a broken rule 409.
func problem(err error) error {
	var fe *svc.FieldError
	switch {
	case errors.As(err, &fe):
		return api.Invalid(api.FieldError{Field: fe.Field, Detail: fe.Detail})
	case errors.Is(err, svc.ErrNotFound):
		return noEntitlement()
	}
	return api.RuleProblem(err)
}

// editor is the caller as the deployment records and audit log name them.
func editor(c *gin.Context) svc.Editor {
	u := api.Caller(c)
	return svc.Editor{UserID: u.ID, Email: u.Email, RequestID: api.RequestID(c)}
}

// links are an entitlement's related resources.
func links(site string, e svc.Entitlement) map[string]string {
	self := "/v1/sites/" + site + "/entitlements/" + e.PartNumber
	l := map[string]string{"self": self, "deployments": self + "/deployments"}
	if e.OrderReference != nil {
		l["order"] = "/v1/orders/" + *e.OrderReference
	}
	if e.DocumentID != nil {
		l["proof_of_entitlement"] = "/v1/documents/" + strconv.FormatInt(*e.DocumentID, 10)
	}
	return l
}

// entitlementView is an entitlement as the API shows it.
type entitlementView struct {
	svc.Entitlement
	Links map[string]string `json:"links"`
}

func viewOf(site string, e svc.Entitlement) entitlementView {
	return entitlementView{Entitlement: e, Links: links(site, e)}
}

// deploymentView is a deployment record as the API shows it.
type deploymentView struct {
	svc.Deployment
	Links map[string]string `json:"links"`
}

func deploymentOf(site string, d svc.Deployment) deploymentView {
	return deploymentView{Deployment: d, Links: map[string]string{
		"self":        "/v1/deployments/" + strconv.FormatInt(d.ID, 10),
		"entitlement": "/v1/sites/" + site + "/entitlements/" + d.PartNumber,
	}}
}
