package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// Bad cart input is a 4xx naming the field and changes nothing: unknown
// part numbers, quantities that are zero, negative, not whole numbers,
// strings or over 1,000,000 (also as a sum), a quote that is none of this
// site's. Another user's or another site's line is 404.
func TestCartBadInputNamesTheFieldAndChangesNothing(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	cart := acmeSite + "/cart"
	v, _ := cartDo(t, a, bob, "POST", cart+"/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 999_999}, http.StatusCreated)
	line := v.Items[0].Line
	before := auditCount(t, a)

	for _, c := range []struct {
		method, path, body, field string
		status                    int
	}{
		{"POST", "/items", `{"part_number":"NOPE99","quantity":1}`, "part_number", 400},
		{"POST", "/items", `{"part_number":"","quantity":1}`, "part_number", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":0}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":-2}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":2.5}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":"2"}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":1e3}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":1000001}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL"}`, "quantity", 400},
		{"POST", "/items", `{"part_number":"D0R4ZLL","quantity":2}`, "quantity", 400}, // 999,999 + 2
		{"PATCH", "/items/" + line, `{"quantity":0}`, "quantity", 400},
		{"PATCH", "/items/" + line, `{"quantity":1000001}`, "quantity", 400},
		{"PATCH", "/items/not-a-line", `{"quantity":1}`, "line", 400},
		{"POST", "/quotes", `{"quote_number":"Q-2026-999999"}`, "quote_number", 404},
		{"POST", "/quotes", `{"quote_number":""}`, "quote_number", 400},
	} {
		slug := "validation"
		if c.status == http.StatusNotFound {
			slug = "not-found"
		}
		p := assertProblem(t, a.Do(c.method, cart+c.path, tokenFor(a, bob), c.body), c.status, slug)
		if !namesField(p, c.field) {
			t.Errorf("%s %s %s: %+v does not name %s", c.method, c.path, c.body, p, c.field)
		}
	}
	// Another user's line, and the same line through another site, are 404.
	for _, c := range []struct{ who, site string }{{alice, "300001"}, {bob, "300002"}} {
		for _, m := range []string{"PATCH", "DELETE"} {
			var body any
			if m == "PATCH" {
				body = map[string]any{"quantity": 1}
			}
			r := a.Do(m, "/v1/sites/"+c.site+"/cart/items/"+line, tokenFor(a, c.who), body)
			if r.Status != http.StatusNotFound || strings.Contains(string(r.Body), "D0R4ZLL") {
				t.Errorf("%s line %s as %s on %s = %d %s", m, line, c.who, c.site, r.Status, r.Body)
			}
		}
	}
	if after := auditCount(t, a); after != before {
		t.Errorf("refused input wrote %d audit rows", after-before)
	}
	v, _ = cartDo(t, a, bob, "GET", cart, nil, http.StatusOK)
	if len(v.Items) != 1 || v.Items[0].Quantity != 999_999 {
		t.Errorf("refused input changed the cart: %+v", v)
	}
}
