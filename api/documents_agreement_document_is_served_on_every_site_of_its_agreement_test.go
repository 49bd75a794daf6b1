package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestDocumentsAgreementDocumentIsServedOnEverySiteOfItsAgreement (B4
// tool 7): GET /v1/documents/AGR-… serves an agreement document like a
// Proof of Entitlement — PDF by default, the printable HTML for
// Accept: text/html, its content as JSON — to a user with Account-related
// documents = view on any site of its agreement (henry on 300001, heidi
// on 300002). A user of the agreement's sites without that level gets 403
// (erin, carol, dave); anybody else (another customer's Primary, a user
// without access) a 404 worded as for a document that does not exist.
func TestDocumentsAgreementDocumentIsServedOnEverySiteOfItsAgreement(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	const path = "/v1/documents/AGR-2000001-002"
	get := func(p, who, accept string) (int, string, []byte) {
		t.Helper()
		r := a.DoWithHeaders("GET", p, tokenFor(a, who), nil, map[string]string{"Accept": accept})
		return r.Status, r.Header.Get("Content-Type"), r.Body
	}
	for _, who := range []string{henry, heidi, alice} {
		st, ct, body := get(path, who, "")
		if st != http.StatusOK || !strings.HasPrefix(ct, "application/pdf") || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("as %s = %d %q %.40q, want a PDF", who, st, ct, body)
		}
	}
	st, ct, body := get(path, heidi, "text/html")
	if st != http.StatusOK || !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(body), "AGR-2000001-002") ||
		!strings.Contains(string(body), "Attachment for Software Subscription and Support") {
		t.Errorf("Accept text/html = %d %q: %.300s", st, ct, body)
	}
	st, ct, body = get(path, henry, "application/json")
	var doc models.AgreementDocumentContent
	if st != http.StatusOK || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(body, &doc) != nil {
		t.Fatalf("Accept application/json = %d %q %s", st, ct, body)
	}
	if doc.Number != "AGR-2000001-002" || doc.Kind != models.AgreementDocAttachment || doc.CustomerNumber != "1000001" ||
		doc.AgreementNumber != "2000001" || len(doc.Sections) == 0 || doc.IssuedAt.IsZero() {
		t.Errorf("the content = %+v", doc)
	}

	for _, accept := range []string{"", "text/html", "application/json"} {
		for _, who := range []string{erin, carol, dave} {
			r := a.DoWithHeaders("GET", path, tokenFor(a, who), nil, map[string]string{"Accept": accept})
			assertProblem(t, r, http.StatusForbidden, "forbidden")
		}
		for _, who := range []string{budi, frank} {
			var details []string
			for _, p := range []string{path, "/v1/documents/AGR-2000001-999", "/v1/documents/AGR-9999999-001"} {
				r := a.DoWithHeaders("GET", p, tokenFor(a, who), nil, map[string]string{"Accept": accept})
				details = append(details, assertProblem(t, r, http.StatusNotFound, "not-found").Detail)
				if strings.Contains(string(r.Body), "Acme") {
					t.Errorf("GET %s as %s leaks: %s", p, who, r.Body)
				}
			}
			if details[0] != details[1] || details[0] != details[2] {
				t.Errorf("as %s: another customer's document %q, none %q %q: the answers tell them apart", who, details[0], details[1], details[2])
			}
		}
		// Another customer's document is 404 to the Primary of 300001.
		r := a.DoWithHeaders("GET", "/v1/documents/AGR-2000002-001", tokenFor(a, alice), nil, map[string]string{"Accept": accept})
		assertProblem(t, r, http.StatusNotFound, "not-found")
	}
}
