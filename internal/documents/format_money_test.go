package documents_test

import (
	"testing"

	"github.com/pao/pao/internal/documents"
	"github.com/pao/pao/models"
)

func TestFormatMoney(t *testing.T) {
	for _, c := range []struct {
		m    models.Money
		want string
	}{
		{models.Money{Minor: 123450, Currency: "USD"}, "USD 1,234.50"},
		{models.Money{Minor: 5, Currency: "EUR"}, "EUR 0.05"},
		{models.Money{Minor: 120000, Currency: "JPY"}, "JPY 120,000"},
		{models.Money{Minor: 150000000, Currency: "IDR"}, "IDR 1,500,000"},
		{models.Money{Minor: -100, Currency: "GBP"}, "GBP -1.00"},
	} {
		if got := documents.FormatMoney(c.m); got != c.want {
			t.Errorf("FormatMoney(%+v) = %q, want %q", c.m, got, c.want)
		}
	}
}
