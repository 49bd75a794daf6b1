package documents_test

import (
	"bytes"
	"testing"

	"github.com/pao/pao/models"
)

// The PDFs take their dates from the document, never the clock, so the
// same input renders the same bytes.
func TestPDFSameInputSameBytes(t *testing.T) {
	o := manyLines(60)
	a, b := confirmationPDF(t, o), confirmationPDF(t, o)
	if !bytes.Equal(a, b) {
		t.Error("two renders of one order differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261130140500)")) {
		t.Error("confirmation's creation date is not the order's date")
	}
	p := samplePoE()
	if !bytes.Equal(poePDF(t, p), poePDF(t, p)) {
		t.Error("two renders of one Proof of Entitlement differ")
	}
	if !bytes.Contains(poePDF(t, p), []byte("/CreationDate (D:20261130160000)")) {
		t.Error("PoE's creation date is not its date of issue")
	}
	// an order without dates still takes none from the clock
	if !bytes.Contains(confirmationPDF(t, models.OrderView{Reference: "ORD-X"}), []byte("/CreationDate (D:19700101000000)")) {
		t.Error("an order without a date gets the clock's date")
	}
}
