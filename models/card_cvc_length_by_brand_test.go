package models

import "testing"

// The security code is 3 digits, 4 for American Express, and 3 or 4 when
// the number does not tell the brand; a brand told by the prefix counts
// even when the number fails otherwise.
func TestCheckCardCVCLengthByBrand(t *testing.T) {
	const (
		visa    = "4242424242424242"
		amex    = "378282246310005"
		amexBad = "378282246310006" // Luhn fails, prefix says American Express
		unknown = "9999999999999995"
	)
	cases := []struct {
		number, cvc, detail string // detail "" = accepted
	}{
		{visa, "123", ""},
		{visa, "000", ""},
		{visa, "1234", detailCVC3},
		{visa, "12", detailCVC3},
		{amex, "1234", ""},
		{amex, "123", detailCVC4},
		{amex, "12345", detailCVC4},
		{amexBad, "123", detailCVC4},
		{amexBad, "1234", ""},
		{unknown, "123", ""},
		{unknown, "1234", ""},
		{unknown, "12", detailCVC3or4},
		{unknown, "12345", detailCVC3or4},
		{"", "12", detailCVC3or4},
		{visa, "", detailCVCRequired},
		{visa, "12a", detailCVCDigits},
		{visa, " 123", detailCVCDigits},
		{visa, "1 23", detailCVCDigits},
		{amex, "١٢٣٤", detailCVCDigits}, // Arabic-Indic digits
	}
	for _, c := range cases {
		_, errs := CheckCard(c.number, 12, 2030, c.cvc, cardNow)
		e, bad := errFor(t, errs, FieldCardCVC)
		if c.detail == "" && bad {
			t.Errorf("%s / %q: %v; want the code accepted", c.number, c.cvc, e)
		}
		if c.detail != "" && (!bad || e.Detail != c.detail) {
			t.Errorf("%s / %q: %v; want %q on the code", c.number, c.cvc, errs, c.detail)
		}
	}
}
