package models_test

import (
	"errors"
	"math"
	"testing"

	"github.com/pao/pao/models"
)

func TestLineTotalRoundsOnceHalfUp(t *testing.T) {
	cases := []struct {
		unit     models.Money
		qty      int64
		bp       int
		want     int64
		wantErr  error
		describe string
	}{
		{models.Money{Minor: 1999, Currency: "USD"}, 3, 0, 5997, nil, "no discount"},
		{models.Money{Minor: 1999, Currency: "USD"}, 3, 1000, 5397, nil, "10%: 5397.3 rounds down"},
		{models.Money{Minor: 333, Currency: "EUR"}, 1, 1500, 283, nil, "15% of 3.33: 283.05 → 283"},
		{models.Money{Minor: 5, Currency: "USD"}, 1, 5000, 3, nil, "half of 5: 2.5 rounds up"},
		{models.Money{Minor: 150_000_000, Currency: "IDR"}, 7, 250, 1_023_750_000, nil, "IDR 1,500,000 × 7 less 2.5%"},
		{models.Money{Minor: 33_300, Currency: "IDR"}, 1, 1500, 28_300, nil, "IDR rounds to whole rupiah: 283.05 → 283"},
		{models.Money{Minor: 999, Currency: "JPY"}, 3, 1000, 2697, nil, "JPY has no minor unit: 2697.3 yen → 2697"},
		{models.Money{Minor: 1000, Currency: "USD"}, 2, 10_000, 0, nil, "100% discount"},
		{models.Money{Minor: 1000, Currency: "USD"}, 0, 0, 0, nil, "zero quantity"},
		{models.Money{Minor: math.MaxInt64, Currency: "USD"}, 2, 0, 0, models.ErrMoneyOverflow, "overflow"},
		{models.Money{Minor: 1, Currency: "XXX"}, 1, 0, 0, models.ErrUnknownCurrency, "unknown currency"},
		{models.Money{Minor: -1, Currency: "USD"}, 1, 0, 0, models.ErrMoneyOverflow, "negative unit"},
		{models.Money{Minor: 1, Currency: "USD"}, 1, 10_001, 0, models.ErrMoneyOverflow, "discount above 100%"},
	}
	for _, c := range cases {
		got, err := models.LineTotal(c.unit, c.qty, c.bp)
		if c.wantErr != nil {
			if !errors.Is(err, c.wantErr) {
				t.Errorf("%s: err = %v, want %v", c.describe, err, c.wantErr)
			}
			continue
		}
		if err != nil || got.Minor != c.want || got.Currency != c.unit.Currency {
			t.Errorf("%s: got %+v, %v; want %d", c.describe, got, err, c.want)
		}
	}
}

func TestSumRefusesMixedCurrenciesAndOverflow(t *testing.T) {
	if _, err := models.Sum("USD", models.Money{Minor: 1, Currency: "USD"}, models.Money{Minor: 1, Currency: "EUR"}); !errors.Is(err, models.ErrCurrencyMismatch) {
		t.Fatalf("mixed currencies: %v", err)
	}
	if _, err := models.Sum("USD", models.Money{Minor: math.MaxInt64, Currency: "USD"}, models.Money{Minor: 1, Currency: "USD"}); !errors.Is(err, models.ErrMoneyOverflow) {
		t.Fatalf("overflow: %v", err)
	}
	if s, err := models.Sum("GBP"); err != nil || s != (models.Money{Currency: "GBP"}) {
		t.Fatalf("empty sum = %+v, %v", s, err)
	}
}

func TestMoneyStringForPeople(t *testing.T) {
	for m, want := range map[models.Money]string{
		{Minor: 123456, Currency: "USD"}:    "USD 1,234.56",
		{Minor: 5, Currency: "EUR"}:         "EUR 0.05",
		{Minor: 150000000, Currency: "IDR"}: "IDR 1,500,000",
		{Minor: 150000050, Currency: "IDR"}: "IDR 1,500,000.50",
		{Minor: -120, Currency: "GBP"}:      "GBP -1.20",
		{Minor: 0, Currency: "JPY"}:         "JPY 0",
		{Minor: 100000000, Currency: "USD"}: "USD 1,000,000.00",
	} {
		if got := m.String(); got != want {
			t.Errorf("%+v = %q, want %q", m, got, want)
		}
	}
}

// FuzzLineTotalsAddUp: a total computed as the sum of line totals never
// differs from adding the lines one by one, never mixes currencies, and a
// line never exceeds unit × quantity (discounts only lower it).
func FuzzLineTotalsAddUp(f *testing.F) {
	f.Add(int64(1999), int64(3), 1000, int64(250), int64(2), 0)
	f.Add(int64(150_000_000), int64(7), 250, int64(100), int64(1_000_000), 10_000)
	f.Fuzz(func(t *testing.T, u1, q1 int64, d1 int, u2, q2 int64, d2 int) {
		l1, err1 := models.LineTotal(models.Money{Minor: u1, Currency: "IDR"}, q1, d1)
		l2, err2 := models.LineTotal(models.Money{Minor: u2, Currency: "IDR"}, q2, d2)
		if err1 != nil || err2 != nil {
			return // out of range inputs are refused, not wrapped around
		}
		if l1.Minor < 0 || l2.Minor < 0 {
			t.Fatalf("negative line: %d, %d", l1.Minor, l2.Minor)
		}
		if full, err := models.LineTotal(models.Money{Minor: u1, Currency: "IDR"}, q1, 0); err == nil && l1.Minor > full.Minor {
			t.Fatalf("discounted line %d above undiscounted %d", l1.Minor, full.Minor)
		}
		total, err := models.Sum("IDR", l1, l2)
		if err != nil {
			return
		}
		if total.Minor-l1.Minor != l2.Minor {
			t.Fatalf("total %d is not the sum of %d and %d", total.Minor, l1.Minor, l2.Minor)
		}
	})
}
