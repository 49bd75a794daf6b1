package api_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// The helpers of the entitlement API tests (issue 12 item 1).

// entitlementRow is an entitlement as the inventory and the report list
// it (every field the CSV has, and the links).
type entitlementRow struct {
	PartNumber      string            `json:"part_number"`
	Product         string            `json:"product"`
	Description     string            `json:"description"`
	Category        string            `json:"category"`
	LicenseType     string            `json:"license_type"`
	Quantity        int64             `json:"quantity"`
	Deployed        int64             `json:"deployed"`
	Available       int64             `json:"available"`
	OverDeployed    bool              `json:"over_deployed"`
	DeploymentCount int64             `json:"deployment_count"`
	CoverageStart   string            `json:"coverage_start"`
	CoverageEnd     string            `json:"coverage_end"`
	Status          string            `json:"status"`
	Period          string            `json:"period"`
	OrderReference  *string           `json:"order_reference"`
	PoENumber       *string           `json:"poe_number"`
	Links           map[string]string `json:"links"`
}

type entitlementPage struct {
	SiteNumber    string           `json:"site_number"`
	AsOf          string           `json:"as_of"`
	Entitlements  []entitlementRow `json:"entitlements"`
	NextPageToken string           `json:"next_page_token"`
}

// entitlementPages follows path's pages (limit per page) as who and
// returns every row.
func entitlementPages(t *testing.T, a *testenv.App, path, who string, limit int) []entitlementRow {
	t.Helper()
	var all []entitlementRow
	token := ""
	for range 50 {
		q := url.Values{"limit": {strconv.Itoa(limit)}}
		if token != "" {
			q.Set("page_token", token)
		}
		sep := "?"
		if u, _ := url.Parse(path); u != nil && u.RawQuery != "" {
			sep = "&"
		}
		r := a.Do("GET", path+sep+q.Encode(), tokenFor(a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s as %s = %d: %s", path, who, r.Status, r.Body)
		}
		var p entitlementPage
		r.JSON(t, &p)
		if len(p.Entitlements) > limit {
			t.Fatalf("GET %s: %d rows on a page of %d", path, len(p.Entitlements), limit)
		}
		all = append(all, p.Entitlements...)
		if p.NextPageToken == "" {
			return all
		}
		token = p.NextPageToken
	}
	t.Fatalf("GET %s: the pages never end", path)
	return nil
}

// addDeployment records a deployment as who and returns its id.
func addDeployment(t *testing.T, a *testenv.App, site, part, who, name string, qty int) (id int64, usage deploymentUsage) {
	t.Helper()
	r := a.Do("POST", "/v1/sites/"+site+"/entitlements/"+part+"/deployments", tokenFor(a, who), deploymentBody(name, qty))
	if r.Status != http.StatusCreated {
		t.Fatalf("record %s on %s as %s = %d: %s", name, part, who, r.Status, r.Body)
	}
	var v struct {
		ID    int64           `json:"id"`
		Usage deploymentUsage `json:"usage"`
	}
	r.JSON(t, &v)
	if v.ID == 0 || r.Header.Get("Location") != "/v1/deployments/"+strconv.FormatInt(v.ID, 10) {
		t.Fatalf("record %s: id %d, Location %q", name, v.ID, r.Header.Get("Location"))
	}
	return v.ID, v.Usage
}

type deploymentUsage struct {
	Owned        int64 `json:"owned"`
	Deployed     int64 `json:"deployed"`
	Available    int64 `json:"available"`
	OverDeployed bool  `json:"over_deployed"`
}
