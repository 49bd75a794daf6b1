package api_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// Every route on the engine under /v1 declares its requirement (B3), and
// the route table holds nothing the engine does not serve.
func TestEveryV1RouteDeclaresItsRequirement(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	srv := a.Runtime.API()
	declared := srv.Routes()
	served := map[string]bool{}
	n := 0
	for _, r := range srv.Engine().Routes() {
		if !strings.HasPrefix(r.Path, "/v1/") && r.Path != "/v1" {
			continue
		}
		n++
		key := r.Method + " " + r.Path
		served[key] = true
		need, ok := declared[key]
		if !ok || !need.Declared() {
			t.Errorf("%s is served without a declared requirement", key)
			continue
		}
		if s := need.String(); s == "" || s == "undeclared" {
			t.Errorf("%s: requirement %q", key, s)
		}
	}
	for key := range declared {
		if !served[key] {
			t.Errorf("%s is declared but not served", key)
		}
	}
	if n < 11 {
		t.Errorf("only %d /v1 routes on the engine", n)
	}
}
