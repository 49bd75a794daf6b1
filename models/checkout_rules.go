package models

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckoutStatus is where a checkout stands: open while the customer
// works on it, abandoned when a newer checkout of the same user and site
// replaced it, ordered once the order process took it.
type CheckoutStatus string

// Checkout statuses.
const (
	CheckoutOpen      CheckoutStatus = "open"
	CheckoutAbandoned CheckoutStatus = "abandoned"
	CheckoutOrdered   CheckoutStatus = "ordered"
)

// The steps a checkout may still miss before it can be ordered (SPEC G1,
// G2), in the order the customer takes them. StepQuotes is not a step the
// customer takes: a quote of the checkout changed (revised, expired,
// closed) after the checkout started, so the checkout has to be started
// again from the cart.
const (
	StepDetails = "details"
	StepTerms   = "terms"
	StepPayment = "payment"
	StepQuotes  = "quotes"
)

// TermsAgreement is the exact text a customer sends to accept the terms.
const TermsAgreement = "I agree"

// CheckoutFieldError is one field of checkout input that breaks a rule,
// named as the API names it ("billing.postal_code"). Detail never quotes
// the input.
type CheckoutFieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

func (e CheckoutFieldError) Error() string { return e.Field + ": " + e.Detail }

// Address limits, in characters.
const (
	maxNameLen    = 100
	maxLineLen    = 100
	maxCityLen    = 60
	maxEmailLen   = 254
	maxPhoneLen   = 24
	maxPONumLen   = 35
	maxPORefLen   = 100
	minPhoneDigit = 6
	maxPhoneDigit = 15
)

// NormalizeAddress trims the white space around every field and
// upper-cases the country code.
func NormalizeAddress(a Address) Address {
	t := strings.TrimSpace
	return Address{
		Name: t(a.Name), Company: t(a.Company), Line1: t(a.Line1), Line2: t(a.Line2), City: t(a.City),
		Region: t(a.Region), PostalCode: t(a.PostalCode), Country: strings.ToUpper(t(a.Country)),
		Email: t(a.Email), Phone: t(a.Phone),
	}
}

// CheckAddress applies the address rules of a billing or shipping party
// (SPEC G1) to a (normalized) address and returns every failure, named
// prefix.field, in the order of the fields:
//
//   - name, company, line1, city: required; line2, region: optional; all
//     single lines (no control characters or line separators) of at most
//     100 characters (city and region 60);
//   - country: an ISO 3166-1 alpha-2 code (officially assigned);
//   - postal_code: the country's pattern where it has one (US 12345 or
//     12345-6789, GB, CA, DE, FR, NL, JP, ID, BR, …), otherwise 1 to 10
//     letters, digits, spaces or hyphens starting and ending with a letter
//     or digit; optional only in countries without postal codes (HK, AE,
//     IE is not one: it has Eircodes);
//   - email: a plain address (no display name) with a dotted domain, at
//     most 254 characters;
//   - phone: digits with optional spaces, hyphens, parentheses and one
//     leading +, 6 to 15 digits (E.164 allows 15), at most 24 characters.
func CheckAddress(prefix string, a Address) []CheckoutFieldError {
	var errs []CheckoutFieldError
	add := func(field, detail string) {
		errs = append(errs, CheckoutFieldError{Field: prefix + "." + field, Detail: detail})
	}
	text := func(field, v string, required bool, max int) {
		switch {
		case v == "" && required:
			add(field, "is required")
		case !singleLine(v):
			add(field, "must be a single line without control characters")
		case utf8.RuneCountInString(v) > max:
			add(field, "must be at most "+strconv.Itoa(max)+" characters")
		}
	}
	text("name", a.Name, true, maxNameLen)
	text("company", a.Company, true, maxNameLen)
	text("line1", a.Line1, true, maxLineLen)
	text("line2", a.Line2, false, maxLineLen)
	text("city", a.City, true, maxCityLen)
	text("region", a.Region, false, maxCityLen)

	countryOK := ValidCountry(a.Country)
	switch {
	case a.Country == "":
		add("country", "is required")
	case !countryOK:
		add("country", "must be an ISO 3166-1 alpha-2 country code, e.g. US")
	}

	switch {
	case a.PostalCode == "" && !hasNoPostalCodes(a.Country):
		add("postal_code", "is required")
	case a.PostalCode == "":
	case !postalPattern(a.Country).MatchString(a.PostalCode):
		add("postal_code", postalDetail(a.Country))
	}

	switch {
	case a.Email == "":
		add("email", "is required")
	case !validEmail(a.Email):
		add("email", "must be an email address")
	}

	switch {
	case a.Phone == "":
		add("phone", "is required")
	case !validPhone(a.Phone):
		add("phone", "must be a phone number: digits, spaces, hyphens, parentheses and a leading +, 6 to 15 digits, e.g. +1 512 555 0100")
	}
	return errs
}

// CheckPurchaseOrder applies the purchase order rules (SPEC G2): a number
// of 1 to 35 letters, digits, spaces and . / _ - (starting with a letter
// or digit) and an optional single-line reference of at most 100
// characters. Fields are named purchase_order.number and
// purchase_order.reference. Both are expected trimmed.
func CheckPurchaseOrder(number, reference string) []CheckoutFieldError {
	var errs []CheckoutFieldError
	switch {
	case number == "":
		errs = append(errs, CheckoutFieldError{"purchase_order.number", "is required"})
	case !poNumberRe.MatchString(number):
		errs = append(errs, CheckoutFieldError{"purchase_order.number",
			"must be 1 to 35 letters, digits, spaces or . / _ - starting with a letter or digit"})
	}
	switch {
	case !singleLine(reference):
		errs = append(errs, CheckoutFieldError{"purchase_order.reference", "must be a single line without control characters"})
	case utf8.RuneCountInString(reference) > maxPORefLen:
		errs = append(errs, CheckoutFieldError{"purchase_order.reference", "must be at most " + strconv.Itoa(maxPORefLen) + " characters"})
	}
	return errs
}

// DefaultMethod is the method preselected among offered (SPEC G2): the
// card where it is offered, otherwise the first offered.
func DefaultMethod(offered []PaymentMethod) PaymentMethod {
	for _, m := range offered {
		if m == PayCard {
			return PayCard
		}
	}
	if len(offered) > 0 {
		return offered[0]
	}
	return ""
}

var (
	poNumberRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,` + strconv.Itoa(maxPONumLen-1) + `}$`)
	phoneRe    = regexp.MustCompile(`^\+?[0-9 ()-]+$`)

	postalGeneric = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,8}[A-Za-z0-9])?$`)
	postalUS      = regexp.MustCompile(`^[0-9]{5}(?:-[0-9]{4})?$`)
	postal5       = regexp.MustCompile(`^[0-9]{5}$`)
	postal4       = regexp.MustCompile(`^[0-9]{4}$`)
	postalGB      = regexp.MustCompile(`^(?i:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$`)
	postalCA      = regexp.MustCompile(`^(?i:[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9])$`)
	postalNL      = regexp.MustCompile(`^(?i:[1-9][0-9]{3} ?[A-Z]{2})$`)
	postalJP      = regexp.MustCompile(`^[0-9]{3}-?[0-9]{4}$`)
	postalBR      = regexp.MustCompile(`^[0-9]{5}-?[0-9]{3}$`)
	postalIE      = regexp.MustCompile(`^(?i:[A-Z][0-9][0-9W] ?[A-Z0-9]{4})$`)
	postal6       = regexp.MustCompile(`^[0-9]{6}$`)
)

// postalPattern is the postal code pattern of a country (the generic one
// for countries without their own here).
func postalPattern(country string) *regexp.Regexp {
	switch country {
	case "US":
		return postalUS
	case "DE", "FR", "ID", "IT", "ES", "MX", "FI", "MY", "TH":
		return postal5
	case "AT", "AU", "BE", "CH", "DK", "NO", "NZ", "ZA", "PH":
		return postal4
	case "GB":
		return postalGB
	case "CA":
		return postalCA
	case "NL":
		return postalNL
	case "JP":
		return postalJP
	case "BR":
		return postalBR
	case "IE":
		return postalIE
	case "SG", "IN", "CN", "RU":
		return postal6
	}
	return postalGeneric
}

func postalDetail(country string) string {
	switch postalPattern(country) {
	case postalUS:
		return "must be a US ZIP code: 5 digits, or 5 digits, a hyphen and 4 digits"
	case postal5:
		return "must be 5 digits in this country"
	case postal4:
		return "must be 4 digits in this country"
	case postal6:
		return "must be 6 digits in this country"
	case postalGB:
		return "must be a UK postcode, e.g. SW1A 1AA"
	case postalCA:
		return "must be a Canadian postal code, e.g. K1A 0B1"
	case postalNL:
		return "must be a Dutch postcode, e.g. 1012 AB"
	case postalJP:
		return "must be a Japanese postal code, e.g. 100-0001"
	case postalBR:
		return "must be a Brazilian CEP, e.g. 01310-100"
	case postalIE:
		return "must be an Eircode, e.g. D02 X285"
	}
	return "must be 1 to 10 letters, digits, spaces or hyphens, starting and ending with a letter or digit"
}

// isoCountries are the officially assigned ISO 3166-1 alpha-2 codes.
const isoCountries = "" +
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
	"DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
	"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
	"QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ " +
	"VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

// noPostalCodes are countries without a postal code system (a postal code
// is optional there).
const noPostalCodes = "AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY " +
	"HK KI KM KN KP ML MO MR MW NR NU QA RW SB SC SL SO SR SS ST SY TD TG TK TL TO TT TV UG VU YE ZW"

// ValidCountry reports whether code is an officially assigned ISO 3166-1
// alpha-2 code (upper case).
func ValidCountry(code string) bool { return inCodeList(isoCountries, code) }

func hasNoPostalCodes(code string) bool { return inCodeList(noPostalCodes, code) }

// inCodeList finds a two-letter upper-case code in a space-separated list.
func inCodeList(list, code string) bool {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	for i := 0; i+2 <= len(list); i += 3 {
		if list[i:i+2] == code {
			return true
		}
	}
	return false
}

// singleLine reports text without control characters or Unicode line and
// paragraph separators, in valid UTF-8.
func singleLine(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp)
	})
}

func validEmail(s string) bool {
	if len(s) > maxEmailLen || !singleLine(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	_, domain, ok := strings.Cut(s, "@")
	return ok && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

func validPhone(s string) bool {
	if len(s) > maxPhoneLen || !phoneRe.MatchString(s) || strings.LastIndex(s, "+") > 0 {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n >= minPhoneDigit && n <= maxPhoneDigit
}
