package models

import "testing"

// A number of a known brand and length passes only with the right Luhn
// check digit; every other check digit is refused as a wrong number.
func TestCheckCardLuhnIsChecked(t *testing.T) {
	valid := []string{
		"4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222",
		"378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
		"3566002020360505", "4222222222222", "6221260000000000001", "6445644564456445",
	}
	for _, n := range valid {
		t.Run(n, func(t *testing.T) {
			brand, errs := CheckCard(n, 12, 2030, cvcFor(n), cardNow)
			if len(errs) != 0 || brand == "" {
				t.Fatalf("CheckCard(%s) = %q, %v; want a brand and no errors", n, brand, errs)
			}
			last := n[len(n)-1]
			for d := byte('0'); d <= '9'; d++ {
				if d == last {
					continue
				}
				wrong := n[:len(n)-1] + string(d)
				brand, errs := CheckCard(wrong, 12, 2030, cvcFor(n), cardNow)
				e, ok := errFor(t, errs, FieldCardNumber)
				if !ok || e.Detail != detailNumberLuhn || brand != "" || len(errs) != 1 {
					t.Errorf("CheckCard(%s) = %q, %v; want only the Luhn error", wrong, brand, errs)
				}
			}
		})
	}
}

// cvcFor is a security code of the right length for n's brand.
func cvcFor(n string) string {
	if n[:2] == "34" || n[:2] == "37" {
		return "1234"
	}
	return "123"
}

func TestLuhnKnownValues(t *testing.T) {
	for s, want := range map[string]bool{
		"79927398713": true, "79927398710": false, "0": false, "00": true, "18": true, "17": false,
		"4242424242424242": true, "4242424242424241": false,
	} {
		if got := luhn(s); got != want {
			t.Errorf("luhn(%s) = %v, want %v", s, got, want)
		}
	}
}
