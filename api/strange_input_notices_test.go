package api_test

// The notices route in the strange-input tests (issue 11 item 3): it
// reads ?limit= (a strange one is a 400 naming it); the strange world's
// nomination for 300001 gives it notices to list.
func init() {
	queryReaders["GET /v1/sites/:site/notices"] = []string{"limit"}
}
