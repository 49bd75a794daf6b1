package api_test

import (
	"testing"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// TestRateLimitSensitiveRoutesAreRoutes: every route the stricter bucket
// names is in the route table, so a renamed route cannot slip out of it.
func TestRateLimitSensitiveRoutesAreRoutes(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	routes := a.Runtime.API().Routes()
	for _, r := range api.SensitiveRoutes() {
		if _, ok := routes[r]; !ok {
			t.Errorf("sensitive route %q is not in the route table", r)
		}
	}
}
