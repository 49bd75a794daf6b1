package models

import (
	"strings"
	"testing"
	"time"
)

// cardNow is the clock of the card tests: 15 June 2026, noon UTC.
var cardNow = time.Date(2026, time.June, 15, 12, 0, 0, 0, time.UTC)

// withCheckDigit appends the Luhn check digit to partial (digits only).
func withCheckDigit(partial string) string {
	for d := byte('0'); d <= '9'; d++ {
		if s := partial + string(d); luhn(s) {
			return s
		}
	}
	panic("no check digit for " + partial)
}

// luhnNumber is a Luhn-valid number of n digits starting with prefix.
func luhnNumber(prefix string, n int) string {
	return withCheckDigit(prefix + strings.Repeat("0", n-1-len(prefix)))
}

// fieldsOf lists the fields of errs in order.
func fieldsOf(errs []CardFieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}

// errFor returns the error on field, if any.
func errFor(t *testing.T, errs []CardFieldError, field string) (CardFieldError, bool) {
	t.Helper()
	var found []CardFieldError
	for _, e := range errs {
		if e.Field == field {
			found = append(found, e)
		}
	}
	if len(found) > 1 {
		t.Fatalf("%d errors on %s: %v", len(found), field, found)
	}
	if len(found) == 0 {
		return CardFieldError{}, false
	}
	return found[0], true
}
