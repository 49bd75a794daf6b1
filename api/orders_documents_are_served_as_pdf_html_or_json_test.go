package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestDocumentsAreServedAsPDFHTMLOrJSON (SPEC G8, docs/api.md): GET
// /v1/documents/:id is the Proof of Entitlement as a PDF by default (and
// for Accept: application/pdf), the printable HTML for Accept: text/html,
// its content as JSON for Accept: application/json; the site's documents
// list links to it. Another site's document is a 404 worded as one that
// does not exist, whatever is accepted; documents need documents >= view
// (erin, a user of the site without it: 403).
func TestDocumentsAreServedAsPDFHTMLOrJSON(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	ref, doc := orderFixture(t, db, "300001", models.OrderCompleted)
	_, other := orderFixture(t, db, "300002", models.OrderCompleted)
	if doc == 0 || other == 0 {
		t.Fatal("the fixtures issued no documents")
	}
	number := column(t, db, "SELECT number FROM documents WHERE id = "+strconv.FormatInt(doc, 10))[0]
	path := "/v1/documents/" + strconv.FormatInt(doc, 10)
	get := func(p, who, accept string) (int, string, []byte) {
		t.Helper()
		var h map[string]string
		if accept != "" {
			h = map[string]string{"Accept": accept}
		}
		r := a.DoWithHeaders("GET", p, tokenFor(a, who), nil, h)
		return r.Status, r.Header.Get("Content-Type"), r.Body
	}

	for _, accept := range []string{"", "application/pdf", "*/*"} {
		st, ct, body := get(path, henry, accept)
		if st != http.StatusOK || !strings.HasPrefix(ct, "application/pdf") || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("Accept %q = %d %q %.40q, want a PDF", accept, st, ct, body)
		}
	}
	st, ct, body := get(path, bob, "text/html")
	if st != http.StatusOK || !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(body), number) || !strings.Contains(string(body), ref) {
		t.Errorf("Accept text/html = %d %q, want the HTML naming %s and %s: %.300s", st, ct, number, ref, body)
	}
	st, ct, body = get(path, alice, "application/json")
	var poe models.ProofOfEntitlement
	if st != http.StatusOK || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(body, &poe) != nil {
		t.Fatalf("Accept application/json = %d %q %s, want the content as JSON", st, ct, body)
	}
	if poe.Number != number || poe.OrderReference != ref || poe.SiteNumber != "300001" || len(poe.Items) != 1 || poe.Items[0].PartNumber != "D0R4ZLL" {
		t.Errorf("the document's content = %+v, want %s of %s on 300001 with D0R4ZLL", poe, number, ref)
	}

	r := a.Do("GET", "/v1/sites/300001/documents", tokenFor(a, henry), nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"self":"`+path+`"`) || !strings.Contains(string(r.Body), `"order":"/v1/orders/`+ref+`"`) {
		t.Errorf("the site's documents = %d %s, want %s linked to %s", r.Status, r.Body, path, ref)
	}

	for _, accept := range []string{"", "text/html", "application/json"} {
		for _, who := range []string{alice, henry} {
			var details []string
			for _, p := range []string{"/v1/documents/" + strconv.FormatInt(other, 10), "/v1/documents/987654321"} {
				r := a.DoWithHeaders("GET", p, tokenFor(a, who), nil, map[string]string{"Accept": accept})
				details = append(details, assertProblem(t, r, http.StatusNotFound, "not-found").Detail)
			}
			if details[0] != details[1] {
				t.Errorf("as %s: another site's document is %q, one that does not exist %q: the answer tells them apart", who, details[0], details[1])
			}
		}
		r := a.DoWithHeaders("GET", path, tokenFor(a, budi), nil, map[string]string{"Accept": accept})
		assertProblem(t, r, http.StatusNotFound, "not-found")
		r = a.DoWithHeaders("GET", path, tokenFor(a, erin), nil, map[string]string{"Accept": accept})
		assertProblem(t, r, http.StatusForbidden, "forbidden")
	}
}
