package api_test

import "net/http"

// The notices route in the authorization matrix (issue 11 item 3): a
// site's notices need Contact update = view on the site (everybody
// without access to it gets 404, everybody below view 403); the right
// user pages through them, and a bad limit or page token is a 400.
func init() {
	moreRightUserSteps["GET /v1/sites/:site/notices"] = func() []step {
		return []step{
			{"GET", acmeSite + "/notices", nil, http.StatusOK},
			{"GET", acmeSite + "/notices?limit=1", nil, http.StatusOK},
			{"GET", acmeSite + "/notices?limit=0", nil, http.StatusBadRequest},
			{"GET", acmeSite + "/notices?page_token=not*a*token", nil, http.StatusBadRequest},
		}
	}
}
