package documents_test

import "testing"

func TestConfirmationPDFShowsTheOrder(t *testing.T) {
	o := sampleOrder()
	text, _ := pdfText(t, confirmationPDF(t, o))
	assertContains(t, "confirmation PDF", text,
		"Order confirmation", o.Reference, "30 November 2026", "Completed",
		"Visa ending 4242, expires 12/2028",
		"Acme GmbH", "Friedrichstraße 10", "Lagerweg 3",
		"D0ABCLL", "E0XYZLL", "Coverage 1 December 2026 – 30 November 2027",
		"USD 617.25", "USD 1,234.50", "USD 90.00", "Quote Q-2026-0042 version 2", "10.00% discount",
		"Total", "USD 1,324.50", "Terms and conditions version 2026-09", "Page 1 of 1",
	)
}
