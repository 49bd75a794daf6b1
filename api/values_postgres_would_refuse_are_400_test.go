package api_test

import (
	"fmt"
	"testing"
)

// TestValuesPostgresWouldRefuseAre400: values that pass a loose check at
// the edge but break a constraint of the schema must be refused at the
// edge with a 400 naming the field, never reach PostgreSQL and come back
// as a 500. The schema wants customer, agreement and site numbers of 4–10
// ASCII digits (the "numeric" validator also takes a sign and a decimal
// point), a country of two and a currency of three ASCII capitals (the
// "uppercase" validator takes digits, symbols and other scripts' capitals),
// and a unique index on users.email cannot hold an email of kilobytes
// (the path parameter :user is not bounded as body emails are).
func TestValuesPostgresWouldRefuseAre400(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	n := 0
	enrol := func(field, value string) {
		t.Helper()
		n++
		body := baseBodies["POST /v1/enrollments"]().
			with("customer_number", jstr(fmt.Sprintf("10008%02d", n))).
			with("agreement_number", jstr(fmt.Sprintf("20008%02d", n))).
			with("site_number", jstr(fmt.Sprintf("30008%02d", n))).
			with(field, jstr(value)).String()
		before := snapshot(t, a)
		r := send(a, "POST", "/v1/enrollments", tokenFor(a, ops), body, strangeTimeout)
		if msg := refusedStrangely(r, verdict{field: field}); msg != "" {
			t.Errorf("POST /v1/enrollments with %s = %q: %s", field, value, msg)
		}
		assertUnchanged(t, a, before)
	}
	for _, f := range []string{"customer_number", "agreement_number", "site_number"} {
		for _, v := range []string{"+1234567", "-1234567", "12345.67", "0x12345"} {
			enrol(f, v)
		}
	}
	for _, v := range []string{"12", "ÄB", "U$", "ΑΒ"} {
		enrol("country", v)
	}
	for _, v := range []string{"123", "ÄÖÜ", "US$", "ΕΥΡ"} {
		enrol("currency", v)
	}

	long := longValue
	before := snapshot(t, a)
	path := acmeSite + "/users/" + long + "/privileges"
	r := send(a, "PUT", path, tokenFor(a, alice), privs("software", "downloads"), strangeTimeout)
	if msg := refusedStrangely(r, verdict{field: "user"}); msg != "" {
		t.Errorf("PUT %s/users/<an email of %d characters>/privileges: %s", acmeSite, len(long), msg)
	}
	assertUnchanged(t, a, before)
}
