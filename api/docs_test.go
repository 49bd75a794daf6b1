package api_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestEveryRouteIsDocumented keeps docs/api.md true: each registered /v1
// route appears there as `METHOD /v1/path`.
func TestEveryRouteIsDocumented(t *testing.T) {
	root, err := testenv.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Env: map[string]string{"PAO_DEV_MODE": "true"}})
	routes := a.Runtime.API().Routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for r := range routes {
		if !strings.Contains(string(doc), "`"+r+"`") {
			t.Errorf("docs/api.md does not document %s", r)
		}
	}
}
