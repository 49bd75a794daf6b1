package documents_test

import (
	"strings"
	"testing"
)

// A site without an agreement is an Express site, and its Proof of
// Entitlement says so.
func TestPoEExpressWithoutAgreement(t *testing.T) {
	p := samplePoE()
	p.AgreementNumber = ""
	html := poeHTML(t, p)
	if !strings.Contains(html, "<dt>Agreement</dt><dd>Express</dd>") {
		t.Error("PoE HTML does not give the agreement as Express")
	}
	text, _ := pdfText(t, poePDF(t, p))
	assertContains(t, "PoE PDF", text, "Express")
}
