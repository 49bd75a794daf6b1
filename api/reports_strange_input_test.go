package api_test

// The report routes in the strange-input tests (issue 12 item 4): both
// read ?limit=, the renewal quotes report ?status= (a quote status), so
// a strange value of either is a 400 naming it.
func init() {
	queryReaders["GET /v1/sites/:site/reports/renewal-quotes"] = []string{"limit", "status"}
	queryValid["GET /v1/sites/:site/reports/renewal-quotes"] = map[string]string{"status": "open"}
	queryReaders["GET /v1/sites/:site/reports/orders"] = []string{"limit"}
}
