package models_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/pao/pao/models"
)

func TestQuoteNumbersRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		kind models.QuoteKind
		n    int64
		want string
	}{{models.QuoteSales, 123, "Q-2026-000123"}, {models.QuoteRenewal, 7, "RQ-2026-000007"}, {models.QuoteSales, 1_234_567, "Q-2026-1234567"}} {
		got := models.QuoteNumber(tc.kind, 2026, tc.n)
		if got != tc.want || !models.ValidQuoteNumber(got) {
			t.Errorf("QuoteNumber(%s, %d) = %q (valid %v), want %q", tc.kind, tc.n, got, models.ValidQuoteNumber(got), tc.want)
		}
	}
	for _, bad := range []string{"", "Q-2026-12345", "X-2026-000001", "Q-26-000001", "Q-2026-00000a", "RQ-2026-", "Q-2026-000001/x"} {
		if models.ValidQuoteNumber(bad) {
			t.Errorf("ValidQuoteNumber(%q) = true", bad)
		}
	}
}

var (
	db2 = models.QuoteItem{ProductID: 1, PartNumber: "D0R4ZLL", Quantity: 4}
	mq  = models.QuoteItem{ProductID: 2, PartNumber: "E0MQ2LL", Quantity: 100}
)

func TestApplyChanges(t *testing.T) {
	lines := []models.QuoteItem{db2, mq}
	got, err := models.ApplyChanges(lines, []models.LineChange{{PartNumber: "E0MQ2LL", Remove: true}, {PartNumber: "D0R4ZLL", Quantity: 6}})
	if err != nil || len(got) != 1 || got[0].Quantity != 6 || lines[0].Quantity != 4 {
		t.Fatalf("ApplyChanges = %+v, %v (input %+v)", got, err, lines)
	}
	for field, changes := range map[string][]models.LineChange{
		"changes":                {},
		"changes[0].part_number": {{PartNumber: "NOPE1", Quantity: 1}},
		"changes[1].part_number": {{PartNumber: "D0R4ZLL", Quantity: 1}, {PartNumber: "D0R4ZLL", Quantity: 2}},
		"changes[0].quantity":    {{PartNumber: "D0R4ZLL", Quantity: 4}},
		"changes[0]":             {{PartNumber: "D0R4ZLL", Quantity: 2, Remove: true}},
	} {
		_, err := models.ApplyChanges(lines, changes)
		var r *models.QuoteRuleError
		if !errors.As(err, &r) || r.Field != field {
			t.Errorf("%v: error %v, want one naming %s", changes, err, field)
		}
	}
	for _, q := range []int64{0, -1, models.MaxQuoteQuantity + 1} {
		if _, err := models.ApplyChanges(lines, []models.LineChange{{PartNumber: "D0R4ZLL", Quantity: q}}); err == nil {
			t.Errorf("quantity %d accepted", q)
		}
	}
	if _, err := models.ApplyChanges(lines, []models.LineChange{{PartNumber: "D0R4ZLL", Remove: true}, {PartNumber: "E0MQ2LL", Remove: true}}); err == nil {
		t.Error("removing every line accepted")
	}
}

// A quote's total is the sum of its line totals, each rounded once, in
// integer minor units, whatever the prices, quantities and discounts (IDR
// lines to the whole rupiah).
func TestPriceLinesTotalIsTheSumOfItsLines(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		cur := []string{"USD", "EUR", "IDR", "JPY"}[r.IntN(4)]
		n := 1 + r.IntN(8)
		items := make([]models.QuoteItem, n)
		units := make([]models.Money, n)
		discounts := make([]int, n)
		for i := range n {
			items[i] = models.QuoteItem{ProductID: int64(i + 1), PartNumber: "P" + string(rune('A'+i)) + "0000", Quantity: 1 + r.Int64N(models.MaxQuoteQuantity)}
			units[i] = models.Money{Minor: r.Int64N(100_000_000), Currency: cur}
			discounts[i] = r.IntN(10_001)
		}
		lines, total, err := models.PriceLines(cur, items, units, discounts)
		if err != nil {
			t.Fatalf("PriceLines: %v", err)
		}
		var sum int64
		for i, l := range lines {
			want, err := models.LineTotal(units[i], items[i].Quantity, discounts[i])
			if err != nil || l.Total != want {
				t.Fatalf("line %d total %v, want %v (%v)", i, l.Total, want, err)
			}
			sum += l.Total.Minor
		}
		if total.Minor != sum || total.Currency != cur {
			t.Fatalf("total %v, sum of lines %d %s", total, sum, cur)
		}
	}
}

func TestPriceLinesRefusesNamingTheLine(t *testing.T) {
	usd := func(m int64) models.Money { return models.Money{Minor: m, Currency: "USD"} }
	for field, tc := range map[string]struct {
		items     []models.QuoteItem
		units     []models.Money
		discounts []int
	}{
		"lines":                {nil, nil, nil},
		"lines[1].part_number": {[]models.QuoteItem{db2, db2}, []models.Money{usd(1), usd(1)}, []int{0, 0}},
		"lines[0].quantity":    {[]models.QuoteItem{{ProductID: 1, PartNumber: "D0R4ZLL"}}, []models.Money{usd(1)}, []int{0}},
		"lines[0].unit_price":  {[]models.QuoteItem{db2}, []models.Money{{Minor: 1, Currency: "EUR"}}, []int{0}},
		"lines[0].discount_bp": {[]models.QuoteItem{db2}, []models.Money{usd(1)}, []int{10_001}},
	} {
		_, _, err := models.PriceLines("USD", tc.items, tc.units, tc.discounts)
		var r *models.QuoteRuleError
		if !errors.As(err, &r) || r.Field != field {
			t.Errorf("error %v, want one naming %s", err, field)
		}
	}
}

func TestDiffLines(t *testing.T) {
	price := func(it models.QuoteItem, unit int64, bp int) models.PricedLine {
		u := models.Money{Minor: unit, Currency: "USD"}
		total, _ := models.LineTotal(u, it.Quantity, bp)
		return models.PricedLine{QuoteItem: it, Unit: u, DiscountBP: bp, Total: total}
	}
	six := db2
	six.Quantity = 6
	ws := models.QuoteItem{ProductID: 3, PartNumber: "E0WS1LL", Quantity: 10}
	d := models.DiffLines(
		[]models.PricedLine{price(db2, 100, 0), price(mq, 50, 0)},
		[]models.PricedLine{price(six, 90, 500), price(ws, 10, 0)},
	)
	if len(d) != 3 || d[0].PartNumber != "D0R4ZLL" || d[0].Change != "changed" || len(d[0].Fields) != 3 ||
		d[1].Change != "removed" || d[2].Change != "added" || d[2].QuantityAfter != 10 {
		t.Fatalf("DiffLines = %+v", d)
	}
	if same := models.DiffLines([]models.PricedLine{price(db2, 1, 0)}, []models.PricedLine{price(db2, 1, 0)}); len(same) != 0 {
		t.Fatalf("unchanged lines listed: %+v", same)
	}
}
