package api_test

import (
	"net/http"
	"testing"
)

// A quote request with bad lines (issue 9 item 6) is a 400 naming every
// offending field at once: an unknown part number, quantities that are
// zero, negative, not whole, not numbers, absurd or missing, a product
// twice; nothing is started or recorded. A request without lines is a 400
// too.
func TestQuoteRequestsNameEveryBadLine(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	raw := `{"note":"bad lines","lines":[
		{"part_number":"NOPE99","quantity":1},
		{"part_number":"D0R4ZLL","quantity":0},
		{"part_number":"E0MQ2LL","quantity":-3},
		{"part_number":"D0MQ1LL","quantity":2.5},
		{"part_number":"D1N7LLL","quantity":"4"},
		{"part_number":"E0N7MLL","quantity":1000001},
		{"part_number":"D0VJ5LL"},
		{"part_number":"E0VJ6LL","quantity":1e3}]}`
	r := a.Do("POST", acmeSite+"/quotes", tokenFor(a, alice), raw)
	p := assertProblem(t, r, http.StatusBadRequest, "validation")
	want := []string{"lines[0].part_number", "lines[1].quantity", "lines[2].quantity", "lines[3].quantity",
		"lines[4].quantity", "lines[5].quantity", "lines[6].quantity", "lines[7].quantity"}
	for _, f := range want {
		if !namesField(p, f) {
			t.Errorf("the problem does not name %s: %s", f, r.Body)
		}
	}
	if len(p.Errors) != len(want) {
		t.Errorf("%d fields named, want %d: %s", len(p.Errors), len(want), r.Body)
	}

	twice := `{"lines":[{"part_number":"D0R4ZLL","quantity":1},{"part_number":"d0r4zll","quantity":2}]}`
	p = assertProblem(t, a.Do("POST", acmeSite+"/quotes", tokenFor(a, alice), twice), http.StatusBadRequest, "validation")
	if !namesField(p, "lines[1].part_number") {
		t.Errorf("a product twice: %+v", p)
	}
	for _, body := range []string{`{"lines":[]}`, `{"note":"nothing"}`} {
		p = assertProblem(t, a.Do("POST", acmeSite+"/quotes", tokenFor(a, alice), body), http.StatusBadRequest, "validation")
		if !namesField(p, "lines") {
			t.Errorf("%s: %+v", body, p)
		}
	}
	if n := count(t, a.Runtime.DB, "quotes"); n != 0 {
		t.Fatalf("%d quotes recorded by refused requests", n)
	}
}
