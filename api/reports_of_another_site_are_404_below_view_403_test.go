package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestReportsOfAnotherSiteAre404BelowView403 (B3): both reports, as JSON
// and as CSV, need Reporting = view on the route's site: a user without
// access to it gets a 404 worded as for a site that does not exist (and
// none of its data), a user of the site without Reporting a 403 (erin,
// downloads only).
func TestReportsOfAnotherSiteAre404BelowView403(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	ref := reportOrderOf(t, a.Runtime.DB, "300001", models.OrderCompleted, "purchase", time.Now().UTC())
	for _, report := range []string{"orders", "renewal-quotes"} {
		for _, format := range []string{"", "?format=csv"} {
			p := "/v1/sites/300001/reports/" + report + format
			missing := "/v1/sites/999999/reports/" + report + format
			for _, who := range []string{budi, heidi, frank} {
				r := a.Do("GET", p, tokenFor(a, who), nil)
				got := assertProblem(t, r, http.StatusNotFound, "not-found")
				none := assertProblem(t, a.Do("GET", missing, tokenFor(a, who), nil), http.StatusNotFound, "not-found")
				if got.Detail != none.Detail || strings.Contains(string(r.Body), ref) {
					t.Errorf("GET %s as %s: %s; for a missing site %q", p, who, r.Body, none.Detail)
				}
			}
			assertProblem(t, a.Do("GET", p, tokenFor(a, erin), nil), http.StatusForbidden, "forbidden")
		}
	}
}
