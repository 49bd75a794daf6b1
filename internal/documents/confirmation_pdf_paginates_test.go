package documents_test

import (
	"fmt"
	"testing"
)

func TestConfirmationPDFPaginatesManyLines(t *testing.T) {
	const n = 300
	text, pages := pdfText(t, confirmationPDF(t, manyLines(n)))
	if pages <= 1 {
		t.Fatalf("%d lines on %d page", n, pages)
	}
	for i := range n {
		assertContains(t, "confirmation PDF", text, partNumber(i))
	}
	assertContains(t, "confirmation PDF", text,
		fmt.Sprintf("Page 1 of %d", pages), fmt.Sprintf("Page %d of %d", pages, pages), "USD 3,000.00")
}
