package documents_test

import (
	"regexp"
	"testing"
)

var longDigitRun = regexp.MustCompile(`[0-9]{12,}`)

// A confirmation shows the last four digits of the card and never a card
// number, even when what it is given as the last four is a whole number.
func TestCardNumberNeverShown(t *testing.T) {
	for _, last4 := range []string{"4242", "4242424242424242"} {
		o := sampleOrder()
		o.Payment.Last4 = last4
		html := confirmationHTML(t, o)
		text, _ := pdfText(t, confirmationPDF(t, o))
		for what, s := range map[string]string{"HTML": html, "PDF": text} {
			assertContains(t, what, s, "Visa ending 4242")
			if run := longDigitRun.FindString(s); run != "" {
				t.Errorf("last4 %q: the %s shows %s", last4, what, run)
			}
		}
	}
}
