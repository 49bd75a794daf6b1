package models

import "testing"

// The expiry year has four digits: a two-digit year is refused, not
// guessed (26 is not taken for 2026); a year more than 20 years ahead is
// a typing mistake.
func TestCheckCardYearNeedsFourDigits(t *testing.T) {
	cases := []struct {
		year   int
		detail string // "" = accepted
	}{
		{26, detailYearDigits},
		{30, detailYearDigits},
		{0, detailYearDigits},
		{-2030, detailYearDigits},
		{999, detailYearDigits},
		{10000, detailYearDigits},
		{20300, detailYearDigits},
		{2026, ""},
		{2046, ""},
		{2047, detailYearTooFar},
		{9999, detailYearTooFar},
		{1999, detailYearExpired},
	}
	for _, c := range cases {
		_, errs := CheckCard("4242424242424242", 12, c.year, "123", cardNow)
		if c.detail == "" {
			if len(errs) != 0 {
				t.Errorf("year %d: %v; want no errors", c.year, errs)
			}
			continue
		}
		if e, ok := errFor(t, errs, FieldCardExpYear); !ok || e.Detail != c.detail || len(errs) != 1 {
			t.Errorf("year %d: %v; want only %q on the year", c.year, errs, c.detail)
		}
	}
}
