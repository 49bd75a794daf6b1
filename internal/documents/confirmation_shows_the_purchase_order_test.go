package documents_test

import "testing"

func TestConfirmationShowsThePurchaseOrder(t *testing.T) {
	o := poOrder()
	const want = "Purchase order PO-88123 (reference ACME-IT-7)"
	text, _ := pdfText(t, confirmationPDF(t, o))
	assertContains(t, "confirmation PDF", text, want, "Awaiting purchase order confirmation")
	assertContains(t, "confirmation HTML", confirmationHTML(t, o), want)
}
