package documents_test

import "testing"

// The PDFs use code page 1252: its letters show as they are, anything
// else as '?', and neither fails the render.
func TestPDFSurvivesTextOutsideCP1252(t *testing.T) {
	o := sampleOrder()
	o.CustomerName = "Acme 株式会社 🚀"
	o.Shipping.Name = "Łukasz Żółć"
	o.Lines[0].Description = "Bad \xff\xfe bytes and Ωmega"
	text, _ := pdfText(t, confirmationPDF(t, o))
	assertContains(t, "confirmation PDF", text,
		"Zoë Müller", "Friedrichstraße", "Acme ???? ?", "?ukasz ?ó??", "Bad ?? bytes and ?mega")

	p := samplePoE()
	p.CustomerName = "Ноутбук ООО"
	text, _ = pdfText(t, poePDF(t, p))
	assertContains(t, "PoE PDF", text, "??????? ???")
}
