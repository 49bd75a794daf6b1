package documents_test

import (
	"html"
	"testing"
)

// An agreement document, as HTML and as PDF, shows its number, title,
// kind, version, date of issue, customer and agreement, and every section
// of its text.
func TestAgreementDocumentShowsItsText(t *testing.T) {
	a := sampleAgreementDoc()
	want := []string{
		"AGR-2000001-002", "Attachment for Software Subscription and Support", "Attachment", "SSA 2024-10",
		"14 March 2025", "1000001 Acme Corporation", "2000001",
		"What S&S gives", "New versions and releases of the covered products, and technical support.",
		"Renewal and reinstatement", "Coverage renews at the anniversary for the quantity renewed.",
	}
	assertContains(t, "agreement HTML", html.UnescapeString(agreementHTML(t, a)), want...)
	text, pages := pdfText(t, agreementPDF(t, a))
	assertContains(t, "agreement PDF", text, append(want, "Page 1 of 1")...)
	if pages != 1 {
		t.Errorf("agreement PDF has %d pages, want 1", pages)
	}
}
