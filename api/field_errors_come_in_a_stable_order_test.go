package api_test

import (
	"net/http"
	"reflect"
	"testing"
)

// TestFieldErrorsComeInAStableOrder: a body with several invalid fields is
// refused with every one of them, ordered by field name, the same on every
// request (clients and snapshots may compare them).
func TestFieldErrorsComeInAStableOrder(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	body := map[string]any{"customer_number": "x", "site_number": "300001", "name": "Some\aOne", "email": "not-an-email",
		"company": " ", "phone": "555", "reason": "no"}
	want := []string{"company", "customer_number", "email", "name", "phone", "reason"}
	for i := range 5 {
		p := refused(t, a, "POST", "/v1/nominations", frank, body, http.StatusBadRequest, "validation", "", "")
		var got []string
		for _, e := range p.Errors {
			got = append(got, e.Field)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("attempt %d: fields %v, want %v", i+1, got, want)
		}
	}
}
