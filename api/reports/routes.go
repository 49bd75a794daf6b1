// Package reports holds the HTTP handlers of the Reporting tool (SPEC B1
// tool 2, B4): a site's renewal quotes and its order history, each a
// keyset-paged JSON list or, with format=csv (or Accept: text/csv), the
// whole report streamed as a CSV download. A report covers the route's
// site, or with scope=agreement every site of the site's agreement on
// which the caller holds Reporting = view too. The rows come from the
// read model (internal/reports); nothing here changes anything.
package reports

import (
	"fmt"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/reports"
	"github.com/pao/pao/models"
)

// Handlers are the report routes with what they use.
type Handlers struct {
	DB *gorm.DB
}

// Routes declares the report routes: each needs Reporting = view on the
// route's site (anybody without access to it 404, below view 403).
func (h *Handlers) Routes(r *api.Router) {
	view := api.OnSite(models.ToolReporting, models.LevelView)
	r.Handle("GET", "/sites/:site/reports/renewal-quotes", view, h.renewalQuotes)
	r.Handle("GET", "/sites/:site/reports/orders", view, h.orders)
}

// Scopes of a report.
const (
	scopeSite      = "site"
	scopeAgreement = "agreement"
)

// coverage is what a report covers: the scope asked for, the site's
// agreement (agreement scope only) and the sites reported on.
type coverage struct {
	Scope     string
	Agreement string
	Sites     []reports.Site
}

var siteNumberRe = regexp.MustCompile(`^[0-9]{4,10}$`)

// scopeQuery is what ?scope= and ?site= ask for.
type scopeQuery struct {
	scope string
	site  string // "" none
}

// readScope reads ?scope= (site, the default, or agreement) and ?site=
// (a site number, with scope=agreement only).
func readScope(c *gin.Context) (scopeQuery, []api.FieldError) {
	q := scopeQuery{scope: c.DefaultQuery("scope", scopeSite)}
	site, given := c.GetQuery("site")
	var bad []api.FieldError
	if q.scope != scopeSite && q.scope != scopeAgreement {
		bad = append(bad, api.FieldError{Field: "scope", Detail: "must be site or agreement"})
	}
	switch {
	case !given:
	case !siteNumberRe.MatchString(site):
		bad = append(bad, api.FieldError{Field: "site", Detail: "must be a site number (4 to 10 digits)"})
	case q.scope != scopeAgreement:
		bad = append(bad, api.FieldError{Field: "site", Detail: "narrows scope=agreement: give scope=agreement with it"})
	default:
		q.site = site
	}
	return q, bad
}

// cover resolves what a report covers. scope=site is the route's site;
// scope=agreement every site of its agreement where the caller reports
// too (an Express site has no agreement: itself alone), narrowed by
// site= to one of them. A site= the caller does not report on is a 403
// when they have access to it, else a 404 worded as the router's, whether
// the site exists or not.
func (h *Handlers) cover(c *gin.Context, q scopeQuery) (coverage, error) {
	st := api.SiteOf(c)
	self := reports.Site{ID: st.Site.ID, Number: st.Site.SiteNumber, Name: st.Site.Name, HasAccess: st.HasAccess, Privileges: st.Privileges}
	cv := coverage{Scope: q.scope, Sites: []reports.Site{self}}
	if q.scope != scopeAgreement {
		return cv, nil
	}
	if st.Site.AgreementID == nil {
		if q.site != "" && q.site != self.Number {
			return cv, api.NotFound("site not found")
		}
		return cv, nil
	}
	all, err := reports.AgreementSites(c, h.DB, api.Caller(c).ID, *st.Site.AgreementID)
	if err != nil {
		return cv, err
	}
	if err := h.DB.WithContext(c).Raw(`SELECT agreement_number FROM agreements WHERE id = ?`, *st.Site.AgreementID).
		Scan(&cv.Agreement).Error; err != nil {
		return cv, fmt.Errorf("agreement of site %s: %w", self.Number, err)
	}
	cv.Sites = nil
	for _, s := range all {
		switch {
		case q.site != "" && s.Number != q.site:
		case s.Reports():
			cv.Sites = append(cv.Sites, s)
		case q.site != "" && s.HasAccess:
			return cv, api.Forbidden("this needs reporting >= view on site " + s.Number)
		}
	}
	if len(cv.Sites) == 0 {
		return cv, api.NotFound("site not found")
	}
	return cv, nil
}

// today is the date a CSV's file name carries.
func today() string { return time.Now().UTC().Format(reports.DateLayout) }

// fileName names a report's CSV: the report, the site or agreement, the date.
func fileName(report string, c *gin.Context, cv coverage) string {
	of := api.SiteOf(c).Site.SiteNumber
	if cv.Scope == scopeAgreement && cv.Agreement != "" {
		of = "agreement-" + cv.Agreement
		if len(cv.Sites) == 1 {
			of += "-site-" + cv.Sites[0].Number
		}
	}
	return report + "-" + of + "-" + today() + ".csv"
}
