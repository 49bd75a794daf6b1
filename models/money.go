package models

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Money is an amount in the minor units of an ISO 4217 currency (cents for
// USD; sen for IDR, whose amounts are whole rupiah in practice; yen for
// JPY, which has no minor unit). Never a float.
type Money struct {
	Minor    int64  `json:"amount_minor"`
	Currency string `json:"currency"`
}

// minorDigits are the ISO 4217 minor-unit digits of the currencies the
// product prices in.
var minorDigits = map[string]int{"USD": 2, "EUR": 2, "GBP": 2, "IDR": 2, "JPY": 0}

// roundStep is the smallest amount, in minor units, a line is rounded to:
// the rupiah's sen are not used in practice, so IDR lines are whole rupiah.
var roundStep = map[string]int64{"IDR": 100}

func stepOf(currency string) int64 {
	if s, ok := roundStep[currency]; ok {
		return s
	}
	return 1
}

// MinorDigits returns the minor-unit digits of currency, and whether the
// currency is one the product prices in.
func MinorDigits(currency string) (int, bool) {
	d, ok := minorDigits[currency]
	return d, ok
}

// Money errors.
var (
	ErrCurrencyMismatch = errors.New("amounts in different currencies")
	ErrMoneyOverflow    = errors.New("amount out of range")
	ErrUnknownCurrency  = errors.New("unknown currency")
)

// maxBasisPoints is a 100% discount.
const maxBasisPoints = 10_000

// LineTotal is the total of a line: unit × quantity less a discount in basis
// points (1/100 of a percent), rounded once, half up, to the minor unit (to
// the whole rupiah for IDR). This is the only place a line is rounded; a
// total is the sum of its lines.
func LineTotal(unit Money, quantity int64, discountBP int) (Money, error) {
	if _, ok := MinorDigits(unit.Currency); !ok {
		return Money{}, fmt.Errorf("%w %q", ErrUnknownCurrency, unit.Currency)
	}
	if unit.Minor < 0 || quantity < 0 || discountBP < 0 || discountBP > maxBasisPoints {
		return Money{}, fmt.Errorf("line: unit %d, quantity %d, discount %d bp: %w", unit.Minor, quantity, discountBP, ErrMoneyOverflow)
	}
	n := new(big.Int).Mul(big.NewInt(unit.Minor), big.NewInt(quantity))
	n.Mul(n, big.NewInt(int64(maxBasisPoints-discountBP)))
	// half up to the step: (n + d/2) / d * step with d = 10000 × step, n >= 0
	step := stepOf(unit.Currency)
	d := big.NewInt(maxBasisPoints * step)
	n.Add(n, new(big.Int).Quo(d, big.NewInt(2)))
	n.Quo(n, d)
	n.Mul(n, big.NewInt(step))
	if !n.IsInt64() {
		return Money{}, fmt.Errorf("line of %d × %d: %w", unit.Minor, quantity, ErrMoneyOverflow)
	}
	return Money{Minor: n.Int64(), Currency: unit.Currency}, nil
}

// Sum adds amounts of one currency; an empty sum is zero in currency.
func Sum(currency string, amounts ...Money) (Money, error) {
	total := Money{Currency: currency}
	for _, a := range amounts {
		if a.Currency != currency {
			return Money{}, fmt.Errorf("sum %s with %s: %w", currency, a.Currency, ErrCurrencyMismatch)
		}
		s := total.Minor + a.Minor
		if (a.Minor > 0 && s < total.Minor) || (a.Minor < 0 && s > total.Minor) {
			return Money{}, fmt.Errorf("sum in %s: %w", currency, ErrMoneyOverflow)
		}
		total.Minor = s
	}
	return total, nil
}

// String renders the amount for people: "USD 1,234.56", "IDR 1,500,000".
func (m Money) String() string {
	digits, ok := MinorDigits(m.Currency)
	if !ok {
		return fmt.Sprintf("%s %d (minor units)", m.Currency, m.Minor)
	}
	neg := m.Minor < 0
	v := new(big.Int).Abs(big.NewInt(m.Minor)).String()
	var whole, frac string
	if digits == 0 {
		whole = v
	} else {
		if len(v) <= digits {
			v = strings.Repeat("0", digits-len(v)+1) + v
		}
		whole, frac = v[:len(v)-digits], v[len(v)-digits:]
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := b.String()
	if frac != "" && !(stepOf(m.Currency) > 1 && strings.Trim(frac, "0") == "") {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return m.Currency + " " + s
}
