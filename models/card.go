package models

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The card fields a CardFieldError names.
const (
	FieldCardNumber   = "card.number"
	FieldCardExpMonth = "card.exp_month"
	FieldCardExpYear  = "card.exp_year"
	FieldCardCVC      = "card.cvc"
)

// CardFieldError is one card field that fails the card rules (SPEC G3).
// Detail is always one of a fixed set of sentences: it never quotes what
// was typed, so neither the number nor the security code can reach a
// response, a log line or an error through it.
type CardFieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

func (e CardFieldError) Error() string { return e.Field + ": " + e.Detail }

// maxCardYearsAhead is how far ahead an expiry year may lie: cards are
// issued for a few years; a year further out is a typing mistake.
const maxCardYearsAhead = 20

// Card rule details: the complete set (see CardFieldError).
const (
	detailNumberRequired = "is required"
	detailNumberChars    = "must contain only digits (spaces between groups of digits are allowed)"
	detailNumberBrand    = "is not a Visa, Mastercard, American Express, Discover or JCB card number"
	detailNumberLuhn     = "is not a valid card number (its check digit is wrong)"
	detailMonthRange     = "must be a month from 1 to 12"
	detailMonthExpired   = "the card has expired (it was valid through the end of its expiry month)"
	detailYearDigits     = "must be a four-digit year"
	detailYearExpired    = "the card has expired"
	detailYearTooFar     = "is too far in the future"
	detailCVCRequired    = "is required"
	detailCVCDigits      = "must contain only digits"
	detailCVC3           = "must be 3 digits"
	detailCVC4           = "must be 4 digits for American Express"
	detailCVC3or4        = "must be 3 or 4 digits"
)

// brandRule is a brand's IIN ranges (inclusive, compared on the number's
// first len(lo) digits) and the lengths its numbers have.
type brandRule struct {
	brand   Brand
	name    string
	ranges  [][2]string
	lengths []int
}

// brandRules are the accepted brands (SPEC G3), checked in order; their
// ranges do not overlap.
var brandRules = []brandRule{
	{BrandVisa, "Visa", [][2]string{{"4", "4"}}, []int{13, 16, 19}},
	{BrandMastercard, "Mastercard", [][2]string{{"51", "55"}, {"2221", "2720"}}, []int{16}},
	{BrandAmex, "American Express", [][2]string{{"34", "34"}, {"37", "37"}}, []int{15}},
	{BrandDiscover, "Discover", [][2]string{{"6011", "6011"}, {"644", "649"}, {"65", "65"}, {"622126", "622925"}}, []int{16, 17, 18, 19}},
	{BrandJCB, "JCB", [][2]string{{"3528", "3589"}}, []int{16, 17, 18, 19}},
}

// brandLengthDetail is the detail for a number of the wrong length for its brand.
func brandLengthDetail(r brandRule) string {
	var lens []string
	for _, n := range r.lengths {
		lens = append(lens, strconv.Itoa(n))
	}
	var want string
	switch {
	case len(lens) == 1:
		want = lens[0]
	case isRun(r.lengths):
		want = lens[0] + " to " + lens[len(lens)-1]
	default:
		want = strings.Join(lens[:len(lens)-1], ", ") + " or " + lens[len(lens)-1]
	}
	return "has the wrong number of digits for " + r.name + " (" + want + ")"
}

func isRun(ns []int) bool {
	for i := 1; i < len(ns); i++ {
		if ns[i] != ns[i-1]+1 {
			return false
		}
	}
	return len(ns) > 2
}

// ruleFor returns the brand whose IIN ranges hold digits' prefix.
func ruleFor(digits string) (brandRule, bool) {
	for _, r := range brandRules {
		for _, rg := range r.ranges {
			n := len(rg[0])
			if len(digits) >= n && digits[:n] >= rg[0] && digits[:n] <= rg[1] {
				return r, true
			}
		}
	}
	return brandRule{}, false
}

// normalizeNumber removes the spaces a person types between groups of
// digits (ASCII spaces, anywhere); ok is false when anything else but
// digits remains (dashes, dots, letters, other white space).
func normalizeNumber(number string) (digits string, ok bool) {
	var b strings.Builder
	b.Grow(len(number))
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case c == ' ':
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// luhn reports whether digits (all '0'–'9', at least two) pass the Luhn check.
func luhn(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// CheckCard applies the card rules of SPEC G3 and returns the card's brand
// (empty unless the number passes) and every failure, one per field at
// most, in the order number, expiry month, expiry year, security code.
//
//   - Number: ASCII spaces anywhere are ignored ("4242 4242 4242 4242");
//     anything else that is not a digit (dashes included) is refused. The
//     prefix must be an accepted brand's (Visa 4; Mastercard 51–55,
//     2221–2720; American Express 34, 37; Discover 6011, 644–649, 65,
//     622126–622925; JCB 3528–3589) and the length that brand's (Visa 13,
//     16 or 19; Mastercard 16; American Express 15; Discover and JCB 16 to
//     19); then the Luhn check digit.
//   - Expiry: month 1–12; the year has four digits (a two-digit year is
//     refused, not guessed) and lies at most 20 years ahead. A card is
//     valid through the last instant of its expiry month in UTC: an expiry
//     year before now's names card.exp_year, an expiry month before now's
//     in now's year names card.exp_month.
//   - Security code: digits only, 4 for American Express, 3 for the other
//     brands, 3 or 4 when the brand cannot be told from the number.
//
// No detail quotes the number or the code.
func CheckCard(number string, expMonth, expYear int, cvc string, now time.Time) (Brand, []CardFieldError) {
	var errs []CardFieldError
	add := func(field, detail string) { errs = append(errs, CardFieldError{Field: field, Detail: detail}) }

	// Number. rule is the brand told by the prefix, even when the number
	// fails later on: the security code is checked against it.
	var brand Brand
	digits, ok := normalizeNumber(number)
	rule, known := ruleFor(digits)
	switch {
	case !ok:
		add(FieldCardNumber, detailNumberChars)
	case digits == "":
		add(FieldCardNumber, detailNumberRequired)
	case !known:
		add(FieldCardNumber, detailNumberBrand)
	case !slices.Contains(rule.lengths, len(digits)):
		add(FieldCardNumber, brandLengthDetail(rule))
	case !luhn(digits):
		add(FieldCardNumber, detailNumberLuhn)
	default:
		brand = rule.brand
	}

	// Expiry.
	now = now.UTC()
	monthOK := expMonth >= 1 && expMonth <= 12
	yearOK := expYear >= 1000 && expYear <= 9999
	if !monthOK {
		add(FieldCardExpMonth, detailMonthRange)
	} else if yearOK && expYear == now.Year() && expMonth < int(now.Month()) {
		add(FieldCardExpMonth, detailMonthExpired)
	}
	switch {
	case !yearOK:
		add(FieldCardExpYear, detailYearDigits)
	case expYear < now.Year():
		add(FieldCardExpYear, detailYearExpired)
	case expYear > now.Year()+maxCardYearsAhead:
		add(FieldCardExpYear, detailYearTooFar)
	}

	// Security code.
	switch {
	case cvc == "":
		add(FieldCardCVC, detailCVCRequired)
	case !allDigits(cvc):
		add(FieldCardCVC, detailCVCDigits)
	case known && rule.brand == BrandAmex:
		if len(cvc) != 4 {
			add(FieldCardCVC, detailCVC4)
		}
	case known:
		if len(cvc) != 3 {
			add(FieldCardCVC, detailCVC3)
		}
	default:
		if len(cvc) != 3 && len(cvc) != 4 {
			add(FieldCardCVC, detailCVC3or4)
		}
	}
	return brand, errs
}

// Last4 returns the last four digits of a card number (spaces ignored), or
// "" when it has fewer than four digits or anything but digits and spaces.
func Last4(number string) string {
	digits, ok := normalizeNumber(number)
	if !ok || len(digits) < 4 {
		return ""
	}
	return digits[len(digits)-4:]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
