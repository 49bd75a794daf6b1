package documents_test

import (
	"bytes"
	"strings"
	"testing"
)

// An agreement document's text is escaped in HTML, and its PDF takes its
// date from the document, never the clock: the same document renders the
// same bytes.
func TestAgreementDocumentRendersSafely(t *testing.T) {
	a := sampleAgreementDoc()
	a.Sections[0].Text = `<script>alert("x")</script>`
	a.Title = `<img src=x onerror=alert(1)>`
	h := agreementHTML(t, a)
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(h, bad) {
			t.Errorf("agreement HTML has %s", bad)
		}
	}
	assertContains(t, "agreement HTML", h, "&lt;script&gt;", "&lt;img")

	b := sampleAgreementDoc()
	if !bytes.Equal(agreementPDF(t, b), agreementPDF(t, b)) {
		t.Error("two renders of one agreement document differ")
	}
	if !bytes.Contains(agreementPDF(t, b), []byte("/CreationDate (D:20250314093000)")) {
		t.Error("the agreement document's creation date is not its date of issue")
	}
}
