package documents_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// A document of a customer without an agreement (an Express customer's
// terms) gives the agreement as Express, in both forms.
func TestAgreementDocumentOfExpressCustomer(t *testing.T) {
	a := sampleAgreementDoc()
	a.Number, a.Kind, a.AgreementNumber = "AGR-1000005-001", models.AgreementDocTerms, ""
	h := agreementHTML(t, a)
	if !strings.Contains(h, "<dt>Agreement</dt><dd>Express</dd>") || !strings.Contains(h, "<dt>Kind</dt><dd>Terms</dd>") {
		t.Errorf("agreement HTML does not give the agreement as Express and the kind as Terms:\n%s", h)
	}
	text, _ := pdfText(t, agreementPDF(t, a))
	assertContains(t, "agreement PDF", text, "Express", "Terms")
}
