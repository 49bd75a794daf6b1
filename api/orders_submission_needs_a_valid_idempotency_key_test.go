package api_test

import (
	"io"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestOrderSubmissionNeedsAValidIdempotencyKey (SPEC G5, docs/api.md):
// POST /v1/sites/:site/orders without an Idempotency-Key, or with one that
// is not 1–200 printable ASCII characters without spaces, is a 400 naming
// the header; a body without a real checkout id is a 400 naming
// checkout_id. Nothing is written: no submission is reserved, no order
// opened.
func TestOrderSubmissionNeedsAValidIdempotencyKey(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	before := orderRows(t, db)
	body := map[string]any{"checkout_id": 42}

	for _, c := range []struct{ name, key string }{
		{"no key", ""},
		{"a space inside", "order 1"},
		{"a tab inside", "order\t1"},
		{"201 characters", strings.Repeat("k", 201)},
		{"not ASCII", "bestellung-größe-1"},
	} {
		r := orderSubmit(t, a, "300001", alice, body, c.key)
		p := assertProblem(t, r, 400, "validation")
		if !namesField(p, "Idempotency-Key") {
			t.Errorf("%s: the 400 does not name Idempotency-Key: %s", c.name, r.Body)
		}
	}
	// Sent twice: which one would be the key?
	req, err := http.NewRequest("POST", a.URL+"/v1/sites/300001/orders", strings.NewReader(`{"checkout_id":42}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tokenFor(a, alice))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Add("Idempotency-Key", "key-one")
	req.Header.Add("Idempotency-Key", "key-two")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	twice := testenv.Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
	if p := assertProblem(t, twice, 400, "validation"); !namesField(p, "Idempotency-Key") {
		t.Errorf("two keys: the 400 does not name Idempotency-Key: %s", raw)
	}

	for _, c := range []struct {
		name string
		body any
	}{
		{"no checkout id", map[string]any{}},
		{"checkout id 0", map[string]any{"checkout_id": 0}},
		{"a negative checkout id", map[string]any{"checkout_id": -7}},
		{"a checkout id as text", map[string]any{"checkout_id": "42"}},
	} {
		r := orderSubmit(t, a, "300001", alice, c.body, "valid-key-1")
		p := assertProblem(t, r, 400, "validation")
		if !namesField(p, "checkout_id") {
			t.Errorf("%s: the 400 does not name checkout_id: %s", c.name, r.Body)
		}
	}

	if after := orderRows(t, db); !maps.Equal(before, after) {
		t.Errorf("refused submissions wrote rows:\nbefore %v\nafter  %v", before, after)
	}
}
