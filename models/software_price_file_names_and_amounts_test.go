package models_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestPriceFileNamesAndAmounts: the price file is named for its level,
// currency and day (in UTC), and its amounts are plain numbers a
// spreadsheet reads: major units with the currency's decimals, no
// currency, no thousands separators.
func TestPriceFileNamesAndAmounts(t *testing.T) {
	day := time.Date(2026, 11, 30, 23, 30, 0, 0, time.FixedZone("WIB", 7*3600)) // 16:30 UTC
	for _, c := range []struct{ level, currency, want string }{
		{"E", "USD", "price-list-E-USD-2026-11-30.csv"},
		{"EXPRESS", "IDR", "price-list-EXPRESS-IDR-2026-11-30.csv"},
		{"G/V ../", "EUR\n", "price-list-GV-EUR-2026-11-30.csv"},
	} {
		if got := models.PriceFileName(c.level, c.currency, day); got != c.want {
			t.Errorf("PriceFileName(%q, %q) = %q, want %q", c.level, c.currency, got, c.want)
		}
	}
	for _, c := range []struct {
		m    models.Money
		want string
	}{
		{models.Money{Minor: 123456, Currency: "USD"}, "1234.56"},
		{models.Money{Minor: 5, Currency: "EUR"}, "0.05"},
		{models.Money{Minor: 0, Currency: "GBP"}, "0.00"},
		{models.Money{Minor: 1_234_567_800, Currency: "IDR"}, "12345678"},
		{models.Money{Minor: 1_234_567_850, Currency: "IDR"}, "12345678.50"},
		{models.Money{Minor: 150000, Currency: "JPY"}, "150000"},
		{models.Money{Minor: 42, Currency: "XXX"}, "42"},
	} {
		if got := models.PlainAmount(c.m); got != c.want {
			t.Errorf("PlainAmount(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}
