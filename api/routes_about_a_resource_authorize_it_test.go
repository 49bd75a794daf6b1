package api_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestRoutesAboutAResourceAuthorizeIt makes a forgotten authorization
// impossible to merge: a route with :site is checked on that site, one with
// :customer on that account, and a route about one resource (:id) declares
// the resolver that loads it, so the router checks the resource's site or
// account (or its owner) before any handler runs.
func TestRoutesAboutAResourceAuthorizeIt(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Env: map[string]string{"PAO_DEV_MODE": "true"}})
	checked := 0
	for key, need := range a.Runtime.API().Routes() {
		_, path, _ := strings.Cut(key, " ")
		switch {
		case strings.Contains(path, "/:site"):
			if need.Scope() != "site" || need.Resolves() {
				t.Errorf("%s: a :site route must be checked on :site, declares %q", key, need)
			}
		case strings.Contains(path, "/:customer"):
			if need.Scope() != "account" || need.Resolves() {
				t.Errorf("%s: a :customer route must be checked on :customer, declares %q", key, need)
			}
		case strings.Contains(path, "/:id"):
			if !need.Resolves() || (need.Scope() != "site" && need.Scope() != "account" && need.Scope() != "owner") {
				t.Errorf("%s: a route about one resource must resolve it and check its site, account or owner, declares %q", key, need)
			}
		default:
			continue
		}
		checked++
	}
	if checked < 15 {
		t.Fatalf("only %d routes with a resource parameter", checked)
	}
}
