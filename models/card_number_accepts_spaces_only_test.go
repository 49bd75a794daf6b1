package models

import "testing"

// Spaces a person types between groups of digits are ignored; any other
// character (dashes, dots, letters, tabs, non-ASCII digits) is refused as
// such, before brand, length or Luhn are looked at.
func TestCheckCardNumberAcceptsSpacesOnly(t *testing.T) {
	accepted := []struct {
		number, cvc string
		brand       Brand
	}{
		{"4242 4242 4242 4242", "123", BrandVisa},
		{" 4242424242424242 ", "123", BrandVisa},
		{"3782 822463 10005", "1234", BrandAmex},
		{"4242  4242 4242 4242", "123", BrandVisa},
	}
	for _, c := range accepted {
		brand, errs := CheckCard(c.number, 12, 2030, c.cvc, cardNow)
		if len(errs) != 0 || brand != c.brand {
			t.Errorf("%q: %q, %v; want %q and no errors", c.number, brand, errs, c.brand)
		}
	}
	refused := []string{
		"4242-4242-4242-4242",
		"4242.4242.4242.4242",
		"4242\t4242424242424",
		"4242424242424242\n",
		"424242424242424x",
		"４２４２424242424242", // full-width digits
		"+4242424242424242",
		"-4242424242424242",
	}
	for _, n := range refused {
		brand, errs := CheckCard(n, 12, 2030, "123", cardNow)
		e, bad := errFor(t, errs, FieldCardNumber)
		if !bad || e.Detail != detailNumberChars || brand != "" {
			t.Errorf("%q: %q, %v; want the digits-only error", n, brand, errs)
		}
	}
	for _, n := range []string{"", "   "} {
		_, errs := CheckCard(n, 12, 2030, "123", cardNow)
		if e, _ := errFor(t, errs, FieldCardNumber); e.Detail != detailNumberRequired {
			t.Errorf("%q: %v; want the required error", n, errs)
		}
	}
}
