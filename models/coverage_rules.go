package models

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Day is t's calendar day in UTC, at midnight.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NextAnniversary is the first anniversary (the month and day of
// anniversary) strictly after day. A 29 February anniversary falls on
// 28 February in other years.
func NextAnniversary(anniversary, day time.Time) time.Time {
	day = Day(day)
	for y := day.Year(); ; y++ {
		a := onYear(anniversary, y)
		if a.After(day) {
			return a
		}
	}
}

func onYear(anniversary time.Time, year int) time.Time {
	m, d := anniversary.Month(), anniversary.Day()
	t := time.Date(year, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m { // 29 February in a common year
		t = time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// ExpressCoverageEnd is when a licence bought on an Express site on day is
// covered until: the end of the same month a year later (issue 10 item 6).
func ExpressCoverageEnd(day time.Time) time.Time {
	day = Day(day)
	return time.Date(day.Year()+1, day.Month()+1, 0, 0, 0, 0, 0, time.UTC)
}

// CoverageChange is what fulfilling one order line does to the site's
// S&S coverage of a product: the period the line pays for and the
// coverage's new quantity and end.
type CoverageChange struct {
	Start    time.Time
	End      time.Time
	Quantity int64
}

// CoverageTerms are the facts a line's coverage depends on: the day of the
// order, the agreement's anniversary (zero for an Express site) and the
// site's existing coverage of the product (zero end: none).
type CoverageTerms struct {
	Day          time.Time
	Anniversary  time.Time
	ExistingEnd  time.Time
	ExistingQty  int64
	LineQuantity int64
}

// nextEnd is the end of a coverage that starts on start: the agreement's
// next anniversary, or for an Express site a year on.
func (t CoverageTerms) nextEnd(start time.Time) time.Time {
	if t.Anniversary.IsZero() {
		return start.AddDate(1, 0, 0)
	}
	return NextAnniversary(t.Anniversary, start)
}

// FulfilCoverage says what a line of licence type lt does to coverage
// (SPEC G8):
//   - ss_renewal extends the coverage from its end (or from the day, when
//     it has lapsed or never existed) to the next anniversary, for the
//     quantity renewed;
//   - license_ss adds the new licences: they are covered from the day to
//     the agreement's next anniversary (co-terming with coverage already
//     held, whichever ends later), Express to the end of the same month a
//     year later;
//   - ss_reinstatement covers the quantity again from the day to the next
//     anniversary.
//
// media changes no coverage (ok false).
func FulfilCoverage(lt LicenseType, t CoverageTerms) (CoverageChange, bool, error) {
	day := Day(t.Day)
	if t.LineQuantity < 1 {
		return CoverageChange{}, false, fmt.Errorf("quantity %d: must be at least 1", t.LineQuantity)
	}
	switch lt {
	case SSRenewal:
		start := Day(t.ExistingEnd)
		if t.ExistingEnd.IsZero() || start.Before(day) {
			start = day
		}
		return CoverageChange{Start: start, End: t.nextEnd(start), Quantity: t.LineQuantity}, true, nil
	case LicenseAndSS:
		end := t.nextEnd(day)
		if t.Anniversary.IsZero() {
			end = ExpressCoverageEnd(day)
		}
		qty := t.LineQuantity
		if !t.ExistingEnd.IsZero() && !Day(t.ExistingEnd).Before(day) {
			qty += t.ExistingQty
			if e := Day(t.ExistingEnd); e.After(end) {
				end = e
			}
		}
		return CoverageChange{Start: day, End: end, Quantity: qty}, true, nil
	case SSReinstatement:
		return CoverageChange{Start: day, End: t.nextEnd(day), Quantity: t.LineQuantity}, true, nil
	case LicenseTypeMedia:
		return CoverageChange{}, false, nil
	}
	return CoverageChange{}, false, fmt.Errorf("licence type %q: no coverage rule", lt)
}

// coverageSuffixes are the description endings of parts that carry S&S,
// by licence type; what precedes them names the product, which the S&S
// renewal part shares.
var coverageSuffixes = []*regexp.Regexp{
	regexp.MustCompile(`\s+License \+ SW Subscription & Support 12 Months$`),
	regexp.MustCompile(`\s+SW Subscription & Support Reinstatement 12 Months$`),
	regexp.MustCompile(`\s+Annual SW Subscription & Support Renewal$`),
}

// CoverageStem is the product name a part's description starts with, the
// key that ties a licence or reinstatement part to the S&S renewal part
// coverage is held on ("IBM Db2 Advanced Edition Virtual Processor Core").
// A description without a known suffix is its own stem.
func CoverageStem(description string) string {
	for _, re := range coverageSuffixes {
		if loc := re.FindStringIndex(description); loc != nil {
			return strings.TrimSpace(description[:loc[0]])
		}
	}
	return strings.TrimSpace(description)
}

// EntitlementKind names what a line entitles on a Proof of Entitlement.
func EntitlementKind(lt LicenseType) string {
	switch lt {
	case LicenseAndSS:
		return "Licence + S&S"
	case SSRenewal:
		return "S&S renewal"
	case SSReinstatement:
		return "S&S reinstatement"
	case LicenseTypeMedia:
		return "Media"
	}
	return string(lt)
}

// OrderReference is the human-readable reference of the n-th order in
// year: ORD-2026-000042.
func OrderReference(year int, n int64) string { return fmt.Sprintf("ORD-%04d-%06d", year, n) }

// DocumentNumber is the number of the n-th document in year: POE-2026-000042.
func DocumentNumber(year int, n int64) string { return fmt.Sprintf("POE-%04d-%06d", year, n) }

var orderReferenceRe = regexp.MustCompile(`^ORD-[0-9]{4}-[0-9]{6,12}$`)

// ValidOrderReference reports whether s has the shape of an order reference.
func ValidOrderReference(s string) bool { return orderReferenceRe.MatchString(s) }
