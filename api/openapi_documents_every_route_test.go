package api_test

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/api/openapi/validate"
	"github.com/pao/pao/internal/testenv"
)

// ginParam is a Gin path parameter (:site) or wildcard (*file).
var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// TestTheOpenAPIDocumentHasEveryRouteAndNoOther: every route of the real
// server (all domains, dev mode: the dev routes too; the Gin engine's,
// outside /v1 as well) is an operation of /openapi.json, with its path
// template (:site ↔ {site}); every operation is a route; and each /v1
// operation's x-required is the requirement the route table declares.
func TestTheOpenAPIDocumentHasEveryRouteAndNoOther(t *testing.T) {
	v, err := validate.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Env: map[string]string{"PAO_DEV_MODE": "true"}})
	srv := a.Runtime.API()
	needs := srv.Routes()
	if len(needs) < 20 {
		t.Fatalf("only %d /v1 routes registered", len(needs))
	}
	served := map[string]string{} // "GET /v1/sites/{site}" → the Gin route
	for _, r := range srv.Engine().Routes() {
		served[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = r.Method + " " + r.Path
	}
	documented := map[string]string{} // "GET /v1/sites/{site}" → x-required
	for path, item := range v.Doc().Paths.Map() {
		for method, op := range item.Operations() {
			req, _ := op.Extensions["x-required"].(string)
			documented[method+" "+path] = req
		}
	}
	wants := map[string]string{} // "GET /v1/sites/{site}" → its x-required
	for route, need := range needs {
		method, path, _ := strings.Cut(route, " ")
		wants[method+" "+ginParam.ReplaceAllString(path, "{$1}")] = need.String()
	}
	for _, k := range slices.Sorted(maps.Keys(served)) {
		if _, ok := documented[k]; !ok {
			hint := ""
			if w, ok := wants[k]; ok {
				hint = fmt.Sprintf(" (as %s, with x-required: %s)", k, w)
			}
			t.Errorf("%s is served but not in the OpenAPI document (api/openapi/spec/)%s", served[k], hint)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(documented)) {
		if _, ok := served[k]; !ok {
			t.Errorf("%s is in the OpenAPI document but the server has no such route", k)
		}
	}
	for k, want := range wants {
		if got, ok := documented[k]; ok && got != want {
			t.Errorf("%s: x-required is %q, the route table declares %q", k, got, want)
		}
	}
	for k, req := range documented {
		if strings.Contains(k, " /v1/") {
			continue
		}
		if req != "" {
			t.Errorf("%s is outside /v1 but declares x-required %q", k, req)
		}
	}
}
