package models

import (
	"slices"
	"testing"
)

// Every failing field is reported at once, one error per field, in the
// order number, expiry month, expiry year, security code; the brand is
// empty whenever the number fails.
func TestCheckCardAllFailuresInStableOrder(t *testing.T) {
	cases := []struct {
		name        string
		number      string
		month, year int
		cvc         string
		fields      []string
	}{
		{"all four", "4242424242424241", 13, 26, "12", []string{FieldCardNumber, FieldCardExpMonth, FieldCardExpYear, FieldCardCVC}},
		{"all four empty", "", 0, 0, "", []string{FieldCardNumber, FieldCardExpMonth, FieldCardExpYear, FieldCardCVC}},
		{"number and code", "1234", 12, 2030, "x", []string{FieldCardNumber, FieldCardCVC}},
		{"month and code", "4242424242424242", 0, 2030, "1234", []string{FieldCardExpMonth, FieldCardCVC}},
		{"expired last year and code", "5555555555554444", 1, 2025, "1234", []string{FieldCardExpYear, FieldCardCVC}},
		{"expired this year", "5555555555554444", 1, 2026, "123", []string{FieldCardExpMonth}},
		{"none", "5555555555554444", 6, 2026, "123", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for range 3 { // the same input, the same answer
				brand, errs := CheckCard(c.number, c.month, c.year, c.cvc, cardNow)
				if got := fieldsOf(errs); !slices.Equal(got, c.fields) {
					t.Fatalf("fields %v, want %v (%v)", got, c.fields, errs)
				}
				if _, numberBad := errFor(t, errs, FieldCardNumber); numberBad != (brand == "") {
					t.Fatalf("brand %q with errors %v", brand, errs)
				}
			}
		})
	}
}
