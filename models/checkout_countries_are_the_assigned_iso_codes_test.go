package models_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// TestCheckoutCountriesAreTheAssignedISOCodes: the 249 officially
// assigned ISO 3166-1 alpha-2 codes are countries, nothing else is (not
// lower case, not reserved or user-assigned codes, not three letters).
func TestCheckoutCountriesAreTheAssignedISOCodes(t *testing.T) {
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if models.ValidCountry(string([]rune{a, b})) {
				n++
			}
		}
	}
	if n != 249 {
		t.Errorf("%d codes are countries, want 249", n)
	}
	for _, ok := range []string{"US", "GB", "DE", "ID", "JP", "BR", "CN", "ZW", "AD"} {
		if !models.ValidCountry(ok) {
			t.Errorf("%s is not a country", ok)
		}
	}
	for _, bad := range []string{"", "us", "Us", "UK", "EU", "XX", "ZZ", "AA", "USA", "U", "U S", "1A"} {
		if models.ValidCountry(bad) {
			t.Errorf("%q is a country", bad)
		}
	}
}
