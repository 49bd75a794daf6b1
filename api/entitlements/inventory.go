package entitlements

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// Limits of the lists.
const (
	defaultLimit = 50
	maxLimit     = 200
	maxQuery     = 100
	// csvFlushEvery rows a CSV download is flushed to the client.
	csvFlushEvery = 200
)

// GET /v1/sites/:site/entitlements?q=&status=&ends_before=&limit=&page_token=&format=
// (B4): the site's inventory by part number, or with format=csv (or
// Accept: text/csv) every matching entitlement as a CSV download.
func (h *Handlers) list(c *gin.Context) error {
	f, err := filterOf(c, true)
	if err != nil {
		return err
	}
	return h.serve(c, f, "entitlements", gin.H{})
}

// GET /v1/sites/:site/reports/entitlements?q=&period=&ends_before=&limit=&page_token=&format=
// (Reporting): the active and future entitlements — coverage that ends
// today or later; "future" ones (period) start after today — as JSON
// pages or CSV.
func (h *Handlers) report(c *gin.Context) error {
	f, err := filterOf(c, false)
	if err != nil {
		return err
	}
	// The other reports widen to the agreement (scope=agreement); this
	// one covers the route's site, and says so rather than ignore it.
	if sc := c.Query("scope"); sc != "" && sc != "site" {
		return api.Invalid(api.FieldError{Field: "scope", Detail: "must be site: the entitlements report covers the route's site (ask each site's report)"})
	}
	f.NotLapsed = true
	return h.serve(c, f, "entitlements-report", gin.H{"report": "active_and_future_entitlements"})
}

// serve answers a page of the inventory as JSON (with the fields of
// resp), or all of it as CSV (a file named after name, the site and the
// day).
func (h *Handlers) serve(c *gin.Context, f svc.Filter, name string, resp gin.H) error {
	csv, err := api.WantsCSV(c)
	if err != nil {
		return err
	}
	limit, err := api.IntQuery(c, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	after, err := pageToken(c)
	if err != nil {
		return err
	}
	s := h.svc()
	site := api.SiteOf(c).Site.SiteNumber
	if csv {
		return writeCSV(c, s, api.SiteOf(c).Site.ID, f, fmt.Sprintf("%s-%s-%s.csv", name, site, s.Today().Format(time.DateOnly)))
	}
	rows, next, err := s.Inventory(c, api.SiteOf(c).Site.ID, f, after, limit)
	if err != nil {
		return err
	}
	out := make([]entitlementView, 0, len(rows))
	for _, e := range rows {
		out = append(out, viewOf(site, e))
	}
	resp["site_number"], resp["entitlements"] = site, out
	resp["as_of"] = s.Today().Format(time.DateOnly)
	resp["expiring_within_days"] = models.ExpiringWithinDays
	if next != "" {
		resp["next_page_token"] = base64.RawURLEncoding.EncodeToString([]byte(next))
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// csvHeader names the CSV columns: the JSON fields of an entitlement, but
// its links.
var csvHeader = []string{"part_number", "product", "description", "category", "license_type", "quantity", "deployed",
	"available", "over_deployed", "deployment_count", "coverage_start", "coverage_end", "status", "period",
	"order_reference", "poe_number"}

// csvRow is an entitlement's CSV row, column for column with csvHeader.
func csvRow(e svc.Entitlement) []string {
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	return []string{e.PartNumber, e.Product, e.Description, e.Category, string(e.LicenseType),
		strconv.FormatInt(e.Quantity, 10), strconv.FormatInt(e.Deployed, 10), strconv.FormatInt(e.Available, 10),
		strconv.FormatBool(e.OverDeployed), strconv.FormatInt(e.Deployments, 10), e.Start, e.End,
		string(e.Status), string(e.Period), opt(e.OrderReference), opt(e.PoENumber)}
}

// writeCSV streams every entitlement f matches, a page of the query at a
// time, flushing as it goes. Once the header is sent an error can only
// cut the download short (it is logged by the caller's error path).
func writeCSV(c *gin.Context, s *svc.Service, siteID int64, f svc.Filter, filename string) error {
	w, err := api.StartCSV(c, filename, csvHeader...)
	if err != nil {
		return err
	}
	n := 0
	err = s.Each(c, siteID, f, func(e svc.Entitlement) error {
		if err := w.Write(csvRow(e)...); err != nil {
			return err
		}
		if n++; n%csvFlushEvery == 0 {
			return w.Flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// GET /v1/sites/:site/entitlements/:part: one entitlement with its
// deployment records; a part number the site is not entitled to is 404.
func (h *Handlers) get(c *gin.Context) error {
	p, err := part(c)
	if err != nil {
		return err
	}
	e, ds, err := h.svc().Deployments(c, api.SiteOf(c).Site.ID, p)
	if err != nil {
		return problem(err)
	}
	site := api.SiteOf(c).Site.SiteNumber
	c.JSON(http.StatusOK, struct {
		entitlementView
		Deployments []deploymentView `json:"deployments"`
	}{viewOf(site, e), deploymentViews(site, ds)})
	return nil
}

func deploymentViews(site string, ds []svc.Deployment) []deploymentView {
	out := make([]deploymentView, 0, len(ds))
	for _, d := range ds {
		out = append(out, deploymentOf(site, d))
	}
	return out
}

// filterOf reads the filters: q (part number or text), ends_before
// (YYYY-MM-DD), and status (comma-separated) for the inventory or period
// for the report. Each bad one is a 400 naming it.
func filterOf(c *gin.Context, inventory bool) (svc.Filter, error) {
	var f svc.Filter
	var bad []api.FieldError
	if q := c.Query("q"); q != "" {
		if !utf8.ValidString(q) || strings.ContainsFunc(q, unicode.IsControl) || utf8.RuneCountInString(q) > maxQuery {
			bad = append(bad, api.FieldError{Field: "q", Detail: fmt.Sprintf("must be up to %d characters of text on one line", maxQuery)})
		} else {
			f.Query = q
		}
	}
	if s := c.Query("ends_before"); s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			bad = append(bad, api.FieldError{Field: "ends_before", Detail: "must be a date like 2027-01-31"})
		} else {
			f.EndsBefore = &d
		}
	}
	if inventory {
		if s := c.Query("status"); s != "" {
			for _, v := range strings.Split(s, ",") {
				st := models.EntitlementStatus(v)
				if !st.Valid() {
					bad = append(bad, api.FieldError{Field: "status", Detail: "must be active, expiring or lapsed (several separated by commas)"})
					break
				}
				f.Statuses = append(f.Statuses, st)
			}
		}
	} else if s := c.Query("period"); s != "" {
		p := models.EntitlementPeriod(s)
		if p != models.PeriodCurrent && p != models.PeriodFuture {
			bad = append(bad, api.FieldError{Field: "period", Detail: "must be current or future"})
		} else {
			f.Period = p
		}
	}
	if len(bad) > 0 {
		return f, api.Invalid(bad...)
	}
	return f, nil
}

// pageToken reads page_token: the part number a page ends with, as the
// previous page's next_page_token gave it.
func pageToken(c *gin.Context) (string, error) {
	s := c.Query("page_token")
	if s == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(s) > 40 || !partRe.MatchString(string(b)) {
		return "", api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	}
	return string(b), nil
}
