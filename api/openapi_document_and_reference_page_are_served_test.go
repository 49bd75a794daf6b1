package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/api/openapi"
	"github.com/pao/pao/internal/testenv"
)

// TestTheOpenAPIDocumentAndReferencePageAreServed: without a token,
// /openapi.json is the merged document, /docs the reference page loading
// only this origin's script and document under a Content-Security-Policy
// that allows no other origin, and the script is the vendored bundle.
func TestTheOpenAPIDocumentAndReferencePageAreServed(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	want, err := openapi.Document()
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Do("GET", "/openapi.json", "", nil)
	if doc.Status != http.StatusOK || !strings.HasPrefix(doc.Header.Get("Content-Type"), "application/json") || !bytes.Equal(doc.Body, want) {
		t.Fatalf("GET /openapi.json = %d %s, %d bytes; want 200 application/json, the document (%d bytes)",
			doc.Status, doc.Header.Get("Content-Type"), len(doc.Body), len(want))
	}
	page := a.Do("GET", "/docs", "", nil)
	csp := page.Header.Get("Content-Security-Policy")
	if page.Status != http.StatusOK || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /docs = %d %s", page.Status, page.Header.Get("Content-Type"))
	}
	for _, d := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("the page's Content-Security-Policy %q lacks %q", csp, d)
		}
	}
	for _, ref := range []string{`spec-url="/openapi.json"`, `src="/docs/redoc.standalone.js"`} {
		if !bytes.Contains(page.Body, []byte(ref)) {
			t.Errorf("the page does not load %s", ref)
		}
	}
	if bytes.Contains(page.Body, []byte("http://")) || bytes.Contains(page.Body, []byte("https://")) {
		t.Errorf("the page names another origin: %s", page.Body)
	}
	script := a.Do("GET", "/docs/redoc.standalone.js", "", nil)
	if script.Status != http.StatusOK || !strings.HasPrefix(script.Header.Get("Content-Type"), "text/javascript") ||
		!bytes.Contains(script.Body[:200], []byte("redoc.standalone.js.LICENSE.txt")) {
		t.Errorf("GET /docs/redoc.standalone.js = %d %s, %d bytes", script.Status, script.Header.Get("Content-Type"), len(script.Body))
	}
}
