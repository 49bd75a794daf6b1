package models

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The bounds of a quote (issue 9 item 6): a quantity is a whole number
// from 1 to MaxQuoteQuantity; a quote has at most MaxQuoteLines lines.
const (
	MaxQuoteQuantity = 1_000_000
	MaxQuoteLines    = 200
	// DefaultValidityDays is how long an issued quote is open when the
	// rep does not say (E2); MaxValidityDays bounds what the rep may say.
	DefaultValidityDays = 30
	MaxValidityDays     = 365
)

// QuoteNumber formats the human-readable number of a quote from the
// sequence value n: Q-2026-000123 (sales) or RQ-2026-000123 (renewal).
func QuoteNumber(kind QuoteKind, year int, n int64) string {
	prefix := "Q"
	if kind == QuoteRenewal {
		prefix = "RQ"
	}
	return fmt.Sprintf("%s-%04d-%06d", prefix, year, n)
}

// ValidQuoteNumber reports whether s has the shape of a quote number (a
// cheap check before a lookup; the database has the same rule).
func ValidQuoteNumber(s string) bool {
	rest, ok := strings.CutPrefix(s, "Q-")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "RQ-"); !ok {
			return false
		}
	}
	year, seq, ok := strings.Cut(rest, "-")
	return ok && len(year) == 4 && digits(year) && len(seq) >= 6 && len(seq) <= 12 && digits(seq)
}

func digits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// QuoteItem is a product and a quantity: a line the customer asks for, or
// the unpriced shape of a priced line.
type QuoteItem struct {
	ProductID   int64  `json:"product_id"`
	PartNumber  string `json:"part_number"`
	Description string `json:"description"`
	Quantity    int64  `json:"quantity"`
}

// LineChange is one change of a change request (E4): a line of the
// current version, by part number, removed or given a new quantity.
type LineChange struct {
	PartNumber string `json:"part_number"`
	Quantity   int64  `json:"quantity,omitempty"`
	Remove     bool   `json:"remove,omitempty"`
}

// String describes the change for people: "remove E0R50LL", "E0R50LL:
// quantity 8".
func (c LineChange) String() string {
	if c.Remove {
		return "remove " + c.PartNumber
	}
	return c.PartNumber + ": quantity " + strconv.FormatInt(c.Quantity, 10)
}

// QuoteRuleError is a refused quote input, naming the field (as the API
// names it, e.g. "changes[1].quantity") and the rule.
type QuoteRuleError struct {
	Field  string
	Detail string
}

func (e *QuoteRuleError) Error() string { return e.Field + ": " + e.Detail }

func ruleError(field, format string, args ...any) *QuoteRuleError {
	return &QuoteRuleError{Field: field, Detail: fmt.Sprintf(format, args...)}
}

// CheckQuantity refuses a quantity outside 1..MaxQuoteQuantity.
func CheckQuantity(field string, q int64) *QuoteRuleError {
	if q < 1 || q > MaxQuoteQuantity {
		return ruleError(field, "must be a whole number from 1 to 1,000,000")
	}
	return nil
}

// ApplyChanges returns lines with changes applied, in the lines' order (a
// removed line is dropped). It refuses, naming the change: a part that is
// not a line of lines, a part changed twice, a quantity out of range or
// equal to the current one, a change that is neither, and a request that
// removes every line (that is a cancellation) or changes nothing.
func ApplyChanges(lines []QuoteItem, changes []LineChange) ([]QuoteItem, error) {
	if len(changes) == 0 {
		return nil, ruleError("changes", "name at least one line to remove or re-quantify")
	}
	byPart := make(map[string]int, len(lines))
	for i, l := range lines {
		byPart[l.PartNumber] = i
	}
	out := slices.Clone(lines)
	removed := make(map[int]bool)
	seen := make(map[string]bool, len(changes))
	for i, c := range changes {
		field := fmt.Sprintf("changes[%d]", i)
		j, ok := byPart[c.PartNumber]
		switch {
		case !ok:
			return nil, ruleError(field+".part_number", "%q is not a line of the quote's current version", c.PartNumber)
		case seen[c.PartNumber]:
			return nil, ruleError(field+".part_number", "%s is changed twice", c.PartNumber)
		case c.Remove && c.Quantity != 0:
			return nil, ruleError(field, "either remove the line or give it a quantity, not both")
		case c.Remove:
			removed[j] = true
		default:
			if err := CheckQuantity(field+".quantity", c.Quantity); err != nil {
				return nil, err
			}
			if c.Quantity == lines[j].Quantity {
				return nil, ruleError(field+".quantity", "%s already has quantity %d", c.PartNumber, c.Quantity)
			}
			out[j].Quantity = c.Quantity
		}
		seen[c.PartNumber] = true
	}
	if len(removed) == len(lines) {
		return nil, ruleError("changes", "a change request cannot remove every line: cancel the quote instead")
	}
	kept := out[:0]
	for j, l := range out {
		if !removed[j] {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// PricedLine is a line of an issued version, with its locked unit price,
// discount and total (the total is LineTotal of the others).
type PricedLine struct {
	QuoteItem
	Unit       Money `json:"unit_price"`
	DiscountBP int   `json:"discount_bp"`
	Total      Money `json:"line_total"`
}

// PriceLines prices items: each line's total is LineTotal(unit, quantity,
// discount), rounded once per line, and the version's total is their Sum.
// Every unit price must be in currency. It refuses, naming the line: an
// empty quote, too many lines, a product twice, a quantity or discount out
// of range, a missing part number, a price in another currency, and a
// total out of range.
func PriceLines(currency string, items []QuoteItem, units []Money, discounts []int) ([]PricedLine, Money, error) {
	if len(items) == 0 {
		return nil, Money{}, ruleError("lines", "a quote has at least one line")
	}
	if len(items) > MaxQuoteLines {
		return nil, Money{}, ruleError("lines", "a quote has at most %d lines", MaxQuoteLines)
	}
	if len(units) != len(items) || len(discounts) != len(items) {
		return nil, Money{}, ruleError("lines", "every line needs a unit price and a discount")
	}
	out := make([]PricedLine, 0, len(items))
	totals := make([]Money, 0, len(items))
	first := make(map[int64]int, len(items))
	for i, it := range items {
		field := fmt.Sprintf("lines[%d]", i)
		if it.ProductID <= 0 || it.PartNumber == "" {
			return nil, Money{}, ruleError(field+".part_number", "is required")
		}
		if j, dup := first[it.ProductID]; dup {
			return nil, Money{}, ruleError(field+".part_number", "%s is already lines[%d]: one line per product", it.PartNumber, j)
		}
		first[it.ProductID] = i
		if err := CheckQuantity(field+".quantity", it.Quantity); err != nil {
			return nil, Money{}, err
		}
		if units[i].Currency != currency {
			return nil, Money{}, ruleError(field+".unit_price", "must be in %s, the site's currency (got %q)", currency, units[i].Currency)
		}
		if units[i].Minor < 0 {
			return nil, Money{}, ruleError(field+".unit_price", "must not be negative")
		}
		if discounts[i] < 0 || discounts[i] > maxBasisPoints {
			return nil, Money{}, ruleError(field+".discount_bp", "must be from 0 to 10000 basis points (100%%)")
		}
		total, err := LineTotal(units[i], it.Quantity, discounts[i])
		if err != nil {
			return nil, Money{}, ruleError(field, "the line total is out of range")
		}
		out = append(out, PricedLine{QuoteItem: it, Unit: units[i], DiscountBP: discounts[i], Total: total})
		totals = append(totals, total)
	}
	sum, err := Sum(currency, totals...)
	if err != nil {
		return nil, Money{}, ruleError("lines", "the quote total is out of range")
	}
	return out, sum, nil
}

// Items returns the unpriced shape of lines.
func Items(lines []PricedLine) []QuoteItem {
	out := make([]QuoteItem, 0, len(lines))
	for _, l := range lines {
		out = append(out, l.QuoteItem)
	}
	return out
}

// LineDiff is what changed for one product between two versions.
type LineDiff struct {
	PartNumber string `json:"part_number"`
	// Change is added, removed or changed.
	Change string `json:"change"`
	// What changed, for changed lines: quantity, unit_price, discount_bp.
	Fields         []string `json:"fields,omitempty"`
	QuantityBefore int64    `json:"quantity_before,omitempty"`
	QuantityAfter  int64    `json:"quantity_after,omitempty"`
	UnitBefore     *Money   `json:"unit_price_before,omitempty"`
	UnitAfter      *Money   `json:"unit_price_after,omitempty"`
	DiscountBefore *int     `json:"discount_bp_before,omitempty"`
	DiscountAfter  *int     `json:"discount_bp_after,omitempty"`
}

// DiffLines lists what changed from prev to next, by product: lines of
// next not in prev (added, in next's order), lines of prev changed or
// removed (in prev's order). Unchanged lines are not listed.
func DiffLines(prev, next []PricedLine) []LineDiff {
	before := make(map[int64]PricedLine, len(prev))
	for _, l := range prev {
		before[l.ProductID] = l
	}
	after := make(map[int64]PricedLine, len(next))
	for _, l := range next {
		after[l.ProductID] = l
	}
	var out []LineDiff
	for _, p := range prev {
		n, ok := after[p.ProductID]
		if !ok {
			out = append(out, LineDiff{PartNumber: p.PartNumber, Change: "removed", QuantityBefore: p.Quantity})
			continue
		}
		d := LineDiff{PartNumber: p.PartNumber, Change: "changed"}
		if p.Quantity != n.Quantity {
			d.Fields = append(d.Fields, "quantity")
			d.QuantityBefore, d.QuantityAfter = p.Quantity, n.Quantity
		}
		if p.Unit != n.Unit {
			d.Fields = append(d.Fields, "unit_price")
			ub, ua := p.Unit, n.Unit
			d.UnitBefore, d.UnitAfter = &ub, &ua
		}
		if p.DiscountBP != n.DiscountBP {
			d.Fields = append(d.Fields, "discount_bp")
			db, da := p.DiscountBP, n.DiscountBP
			d.DiscountBefore, d.DiscountAfter = &db, &da
		}
		if len(d.Fields) > 0 {
			out = append(out, d)
		}
	}
	for _, n := range next {
		if _, ok := before[n.ProductID]; !ok {
			out = append(out, LineDiff{PartNumber: n.PartNumber, Change: "added", QuantityAfter: n.Quantity})
		}
	}
	return out
}
