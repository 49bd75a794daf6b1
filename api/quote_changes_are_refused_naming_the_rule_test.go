package api_test

import (
	"net/http"
	"testing"
)

// A change request (E4) that breaks a rule is refused naming it, and
// nothing changes: a part not on the quote, a quantity out of range or
// equal to the current one, removing every line (400 naming the field);
// a quote not yet issued, a second change while one awaits the rep, a
// version since revised (409 saying why).
func TestQuoteChangesAreRefusedNamingTheRule(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	q := requestQuote(t, a, quoteRequest())
	path := "/v1/quotes/" + q.QuoteNumber + "/change-requests"
	change := func(changes string) string { return `{"note":"please","changes":` + changes + `}` }

	assertProblem(t, a.Do("POST", path, tokenFor(a, bob), change(`[{"part_number":"E0MQ2LL","quantity":10}]`)), http.StatusConflict, "conflict")
	issueQuote(t, a, q.QuoteNumber, `{}`)

	for field, body := range map[string]string{
		"changes[0].part_number": change(`[{"part_number":"NOPE99","quantity":1}]`),
		"changes[1].quantity":    change(`[{"part_number":"D0R4ZLL","quantity":3},{"part_number":"E0MQ2LL","quantity":0}]`),
		"changes[0].quantity":    change(`[{"part_number":"D0R4ZLL","quantity":2}]`),
		"changes":                change(`[{"part_number":"D0R4ZLL","remove":true},{"part_number":"E0MQ2LL","remove":true}]`),
		"note":                   `{"note":" ","changes":[{"part_number":"D0R4ZLL","quantity":3}]}`,
	} {
		p := assertProblem(t, a.Do("POST", path, tokenFor(a, bob), body), http.StatusBadRequest, "validation")
		if !namesField(p, field) {
			t.Errorf("%s: the problem does not name %s: %+v", body, field, p)
		}
	}
	stale := `{"version":2,"note":"x","changes":[{"part_number":"D0R4ZLL","quantity":3}]}`
	assertProblem(t, a.Do("POST", path, tokenFor(a, bob), stale), http.StatusConflict, "conflict")

	ok := change(`[{"part_number":"D0R4ZLL","quantity":3}]`)
	if r := a.Do("POST", path, tokenFor(a, bob), ok); r.Status != http.StatusOK {
		t.Fatalf("valid change = %d %s", r.Status, r.Body)
	}
	p := assertProblem(t, a.Do("POST", path, tokenFor(a, alice), ok), http.StatusConflict, "conflict")
	if p.Rule != "E4" {
		t.Errorf("second change: %+v", p)
	}
	if n := count(t, a.Runtime.DB, "quote_change_requests"); n != 1 {
		t.Fatalf("%d change requests recorded, want 1", n)
	}
}
