package models

import (
	"testing"
	"time"
)

// A card is valid through the last instant of its expiry month in UTC;
// an earlier year names card.exp_year, an earlier month of this year
// names card.exp_month.
func TestCheckCardExpiryValidThroughEndOfMonth(t *testing.T) {
	const visa = "4242424242424242"
	cases := []struct {
		name        string
		now         time.Time
		month, year int
		field       string // "" = accepted
	}{
		{"this month, first instant", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), 6, 2026, ""},
		{"this month, last instant", time.Date(2026, 6, 30, 23, 59, 59, 999_999_999, time.UTC), 6, 2026, ""},
		{"next month's first instant", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 6, 2026, FieldCardExpMonth},
		{"last month", cardNow, 5, 2026, FieldCardExpMonth},
		{"january this year", cardNow, 1, 2026, FieldCardExpMonth},
		{"december last year", cardNow, 12, 2025, FieldCardExpYear},
		{"december this year", cardNow, 12, 2026, ""},
		{"january next year", cardNow, 1, 2027, ""},
		{"on new year's eve in UTC", time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), 12, 2026, ""},
		{"new year in UTC", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 12, 2026, FieldCardExpYear},
		// 1 July 00:30 in Berlin is still 30 June in UTC: a June card is valid.
		{"the clock's zone does not matter", time.Date(2026, 7, 1, 0, 30, 0, 0, time.FixedZone("CEST", 2*3600)), 6, 2026, ""},
		// 30 June 20:00 in New York is 1 July in UTC: a June card has expired.
		{"UTC, not the local zone", time.Date(2026, 6, 30, 20, 0, 0, 0, time.FixedZone("EDT", -4*3600)), 6, 2026, FieldCardExpMonth},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := CheckCard(visa, c.month, c.year, "123", c.now)
			if c.field == "" {
				if len(errs) != 0 {
					t.Fatalf("%v; want no errors", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != c.field {
				t.Fatalf("%v; want one error on %s", errs, c.field)
			}
		})
	}
}

// The month is 1 to 12; out of range it is named whatever the year.
func TestCheckCardExpiryMonthRange(t *testing.T) {
	for _, m := range []int{0, -1, 13, 100} {
		_, errs := CheckCard("4242424242424242", m, 2030, "123", cardNow)
		if e, ok := errFor(t, errs, FieldCardExpMonth); !ok || e.Detail != detailMonthRange || len(errs) != 1 {
			t.Errorf("month %d: %v; want only the month range error", m, errs)
		}
	}
	for m := 1; m <= 12; m++ {
		if _, errs := CheckCard("4242424242424242", m, 2030, "123", cardNow); len(errs) != 0 {
			t.Errorf("month %d: %v; want no errors", m, errs)
		}
	}
}
