package activities_test

import (
	"regexp"
	"testing"

	"github.com/pao/pao/models"
)

// AllocateQuoteNumber draws human-readable numbers from one sequence:
// Q-<year>-nnnnnn for sales quotes, RQ-<year>-nnnnnn for renewal quotes,
// never the same twice.
func TestAllocateQuoteNumber(t *testing.T) {
	f := newFixture(t)
	seen := map[string]bool{}
	for _, kind := range []models.QuoteKind{models.QuoteSales, models.QuoteRenewal, models.QuoteSales} {
		v, err := f.env.ExecuteActivity("AllocateQuoteNumber", kind)
		if err != nil {
			t.Fatal(err)
		}
		var n string
		if err := v.Get(&n); err != nil {
			t.Fatal(err)
		}
		want := `^Q-20[0-9]{2}-[0-9]{6}$`
		if kind == models.QuoteRenewal {
			want = `^RQ-20[0-9]{2}-[0-9]{6}$`
		}
		if !regexp.MustCompile(want).MatchString(n) || !models.ValidQuoteNumber(n) || seen[n] {
			t.Fatalf("number %q (kind %s)", n, kind)
		}
		seen[n] = true
	}
}
