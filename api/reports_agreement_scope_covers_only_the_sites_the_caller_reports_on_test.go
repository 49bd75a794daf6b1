package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestReportsAgreementScopeCoversOnlyTheSitesTheCallerReportsOn:
// scope=agreement widens a report to the sites of the route site's
// agreement on which the caller holds Reporting = view too, and site=
// narrows it to one of them. heidi (Primary of 300002 only) sees
// 300002's rows alone and a site= of 300001 is a 404, worded as one that
// does not exist; erin, given Reporting on 300002 but holding none on
// 300001, gets 403 for site=300001; another customer's site is never
// covered.
func TestReportsAgreementScopeCoversOnlyTheSitesTheCallerReportsOn(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	acme := reportOrderOf(t, db, "300001", models.OrderCompleted, "purchase", day)
	frankfurt := reportOrderOf(t, db, "300002", models.OrderCompleted, "purchase", day.Add(time.Hour))
	jakarta := reportOrderOf(t, db, "300101", models.OrderCompleted, "purchase", day.Add(2*time.Hour))
	if err := db.Exec(`INSERT INTO site_access (site_id, user_id, reporting) SELECT s.id, u.id, 1 FROM sites s, users u
		WHERE s.site_number = '300002' AND u.email = ?`, erin).Error; err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		who, path string
		sites     []string
		orders    []string
	}{
		{bob, "/v1/sites/300001/reports/orders?scope=agreement", []string{"300001", "300002"}, []string{frankfurt, acme}},
		{bob, "/v1/sites/300002/reports/orders?scope=agreement&site=300001", []string{"300001"}, []string{acme}},
		{bob, "/v1/sites/300001/reports/orders", []string{"300001"}, []string{acme}},
		{heidi, "/v1/sites/300002/reports/orders?scope=agreement", []string{"300002"}, []string{frankfurt}},
		{erin, "/v1/sites/300002/reports/orders?scope=agreement", []string{"300002"}, []string{frankfurt}},
		{budi, "/v1/sites/300101/reports/orders?scope=agreement", []string{"300101"}, []string{jakarta}},
	} {
		p := reportGet(t, a, c.path, c.who)
		if !slices.Equal(p.sites(), c.sites) || !slices.Equal(refs(p.Orders, "reference"), c.orders) {
			t.Errorf("GET %s as %s: sites %v orders %v, want %v %v", c.path, c.who, p.sites(), refs(p.Orders, "reference"), c.sites, c.orders)
		}
	}

	var details []string
	for _, site := range []string{"300001", "300101", "999999"} {
		r := a.Do("GET", "/v1/sites/300002/reports/renewal-quotes?scope=agreement&site="+site, tokenFor(a, heidi), nil)
		details = append(details, assertProblem(t, r, http.StatusNotFound, "not-found").Detail)
	}
	if details[0] != details[2] || details[1] != details[2] {
		t.Errorf("site= of another's site, another customer's and none: %q: the answers tell them apart", details)
	}
	r := a.Do("GET", "/v1/sites/300002/reports/orders?scope=agreement&site=300001", tokenFor(a, erin), nil)
	assertProblem(t, r, http.StatusForbidden, "forbidden")
}
