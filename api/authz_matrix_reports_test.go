package api_test

import "net/http"

// The report routes in the authorization matrix (issue 12 item 4, SPEC
// B1 tool 2, B4): both are site-scoped and need Reporting = view on the
// route's site, so the matrix tries them as everybody without access to
// 300001 (404) and as erin, its user without Reporting (403). The right
// user (alice, Primary) reads each for the site and for its agreement,
// and a bad filter is a 400.
func init() {
	for _, report := range []string{"renewal-quotes", "orders"} {
		p := acmeSite + "/reports/" + report
		moreRightUserSteps["GET /v1/sites/:site/reports/"+report] = func() []step {
			return []step{
				{"GET", p, nil, http.StatusOK},
				{"GET", p + "?scope=agreement&limit=1", nil, http.StatusOK},
				{"GET", p + "?scope=agreement&site=300001&format=json", nil, http.StatusOK},
				{"GET", p + "?scope=everything", nil, http.StatusBadRequest},
			}
		}
	}
}
