package documents_test

import (
	"strings"
	"testing"
)

// A description too long for a page wraps, and goes on over the next page.
func TestPDFWrapsLongDescriptions(t *testing.T) {
	o := sampleOrder()
	o.Lines = o.Lines[:1]
	o.Lines[0].Description = "FIRSTWORD " + strings.Repeat("lorem ipsum dolor sit amet ", 300) + "LASTWORD"
	text, pages := pdfText(t, confirmationPDF(t, o))
	if pages < 2 {
		t.Errorf("a description of %d characters fits on %d page", len(o.Lines[0].Description), pages)
	}
	assertContains(t, "confirmation PDF", text, "FIRSTWORD", "LASTWORD", "USD 1,324.50")
}
