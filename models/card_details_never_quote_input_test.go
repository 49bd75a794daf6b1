package models

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// cardDetails is every sentence CheckCard may put in a detail.
func cardDetails() []string {
	out := []string{
		detailNumberRequired, detailNumberChars, detailNumberBrand, detailNumberLuhn,
		detailMonthRange, detailMonthExpired, detailYearDigits, detailYearExpired, detailYearTooFar,
		detailCVCRequired, detailCVCDigits, detailCVC3, detailCVC4, detailCVC3or4,
	}
	for _, r := range brandRules {
		out = append(out, brandLengthDetail(r))
	}
	return out
}

// partOfASentence reports whether s occurs in one of the fixed sentences
// (a security code "must" is in "must be 3 digits" without being leaked).
func partOfASentence(s string) bool {
	for _, d := range cardDetails() {
		if strings.Contains(d, s) {
			return true
		}
	}
	return false
}

var fieldOrder = []string{FieldCardNumber, FieldCardExpMonth, FieldCardExpYear, FieldCardCVC}

// FuzzCheckCard: CheckCard never panics; every detail is one of the fixed
// sentences and so never contains the number or the security code; at
// most one error per field, in the stable order; a brand only when the
// number passes, and then the number's last four digits are Last4's.
func FuzzCheckCard(f *testing.F) {
	seeds := []struct {
		number      string
		month, year int
		cvc         string
	}{
		{"4242424242424242", 12, 2030, "123"},
		{"4242 4242 4242 4242", 1, 2026, "1234"},
		{"378282246310005", 6, 2027, "1234"},
		{"4242424242424241", 13, 26, "12"},
		{"6221260000000000001", 0, 0, ""},
		{"35280000000000000000", -1, 99999, "abcd"},
		{"4242-4242-4242-4242", 7, 2046, "12345"},
		{"", 2, 2047, "9999"},
	}
	for _, s := range seeds {
		f.Add(s.number, s.month, s.year, s.cvc, int64(1781524800))
	}
	f.Fuzz(func(t *testing.T, number string, month, year int, cvc string, unix int64) {
		now := time.Unix(unix%(1<<36), 0)
		brand, errs := CheckCard(number, month, year, cvc, now)
		details := cardDetails()
		last := -1
		numberBad := false
		for _, e := range errs {
			if !slices.Contains(details, e.Detail) {
				t.Fatalf("detail %q is not one of the fixed sentences", e.Detail)
			}
			for _, secret := range []string{number, cvc} {
				if len(secret) >= 4 && strings.Contains(e.Detail, secret) && !partOfASentence(secret) {
					t.Fatalf("detail %q contains the input %q", e.Detail, secret)
				}
				if len(secret) >= 4 && strings.Contains(e.Error(), secret) && !partOfASentence(secret) && !strings.Contains(e.Field, secret) {
					t.Fatalf("error %q contains the input %q", e.Error(), secret)
				}
			}
			i := slices.Index(fieldOrder, e.Field)
			if i <= last {
				t.Fatalf("fields out of order or repeated: %v", errs)
			}
			last = i
			numberBad = numberBad || e.Field == FieldCardNumber
		}
		if (brand != "") == numberBad {
			t.Fatalf("brand %q with number error %v", brand, numberBad)
		}
		if brand != "" && len(Last4(number)) != 4 {
			t.Fatalf("brand %q but Last4 %q", brand, Last4(number))
		}
	})
}
