package api_test

import "net/http"

// The Software & services routes in the authorization matrix (issue 12
// items 2 and 3): downloads need Software & services at downloads on the
// route's site (henry, without it, gets 403), media requests downloads +
// media (dave and erin 403), the price file the top level (carol 403);
// anybody without access to the site 404. :package is tried as a package
// of 300001, one of 300002 and one that does not exist. The right user's
// steps change nothing: a link is not stored, and her media request is
// refused for its version (400) once authorized.
const (
	swMatrixPackage      = "db2-aese-12.1.1-linux-x86_64.tar.gz"
	swMatrixOtherPackage = "mq-advanced-9.4.2-linux-x86_64.tar.gz"
)

func init() {
	paramValues["package"] = []string{swMatrixPackage, swMatrixOtherPackage, "999999"}
	validBodies["POST /v1/sites/:site/downloads/:package/link"] = func(map[string]string) any { return map[string]any{} }
	validBodies["POST /v1/sites/:site/media-requests"] = func(map[string]string) any {
		return map[string]any{"part_number": "E0R50LL", "version": "12.1.1", "platform": "linux-x86_64"}
	}
	pkg := acmeSite + "/downloads/" + swMatrixPackage
	for k, s := range map[string][]step{
		"GET /v1/sites/:site/downloads": {
			{"GET", acmeSite + "/downloads", nil, http.StatusOK},
			{"GET", acmeSite + "/downloads?product=D0R4ZLL&platform=aix-ppc64&limit=1", nil, http.StatusOK},
			{"GET", acmeSite + "/downloads?platform=beos", nil, http.StatusBadRequest},
		},
		"GET /v1/sites/:site/downloads/:package": {
			{"GET", pkg, nil, http.StatusOK},
			{"GET", pkg + "?expires=1&signature=not-a-signature", nil, http.StatusBadRequest},
		},
		"POST /v1/sites/:site/downloads/:package/link": {{"POST", pkg + "/link", nil, http.StatusOK}},
		"GET /v1/sites/:site/media-requests":           {{"GET", acmeSite + "/media-requests?limit=5", nil, http.StatusOK}},
		"POST /v1/sites/:site/media-requests": {{"POST", acmeSite + "/media-requests",
			map[string]any{"part_number": "E0R50LL", "version": "0.0.1", "platform": "linux-x86_64"}, http.StatusBadRequest}},
		"GET /v1/sites/:site/price-file": {
			{"GET", acmeSite + "/price-file?format=json&limit=5", nil, http.StatusOK},
			{"GET", acmeSite + "/price-file?format=xml", nil, http.StatusBadRequest},
		},
	} {
		moreRightUserSteps[k] = func() []step { return s }
	}
}
