package api_test

import "testing"

// The Software & services routes in the strange-input tests (issue 12
// items 2 and 3): the downloads and media-request lists and the price
// file read ?limit= (a strange one is a 400 naming it); :package is a
// package 300001 is entitled to (by its file name); asking for a link
// takes no body; the valid media request is accepted (201).
func init() {
	queryReaders["GET /v1/sites/:site/downloads"] = []string{"limit"}
	queryReaders["GET /v1/sites/:site/media-requests"] = []string{"limit"}
	queryReaders["GET /v1/sites/:site/price-file"] = []string{"limit"}
	takesNoBody["POST /v1/sites/:site/downloads/:package/link"] = true
	baseBodies["POST /v1/sites/:site/media-requests"] = func() jnode {
		return jobj("part_number", "E0R50LL", "version", "12.1.1", "platform", "linux-x86_64", "note", "two sets\nplease")
	}
	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		w.more["package"] = swMatrixPackage
	})
}
