package api_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
)

// singleLineFields are the single-line text fields of the request bodies,
// each with the route, the caller and a valid body to change.
var singleLineFields = []struct {
	route, path, as string
	base            func() jnode
	fields          []string
}{
	{"POST /v1/nominations", "/v1/nominations", frank, baseBodies["POST /v1/nominations"], []string{"name", "company"}},
	{"POST /v1/support-access-requests", "/v1/support-access-requests", henry, baseBodies["POST /v1/support-access-requests"], []string{"name", "company"}},
	{"POST /v1/accounts/:customer/cases", "/v1/accounts/1000001/cases", alice, baseBodies["POST /v1/accounts/:customer/cases"], []string{"title"}},
	{"POST /v1/enrollments", "/v1/enrollments", ops, baseBodies["POST /v1/enrollments"], []string{"customer_name", "site_name"}},
}

// TestSingleLineFieldsRefuseLineBreaks (issue 8, item 8's control
// characters): names, companies, a case title and an enrolment's customer
// and site names are single lines. A CR, an LF or CR/LF in one (at the
// start, inside, at the end) is a 400 naming that field; two such fields
// are both named at once; nothing changes.
func TestSingleLineFieldsRefuseLineBreaks(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	for _, c := range singleLineFields {
		t.Run(c.route, func(t *testing.T) {
			for _, f := range c.fields {
				for _, v := range []string{"Some\rOne", "Some\nOne", "Some\r\nOne", "\r\nSome One", "Some One\n", "Some One\r\n\r\nBcc: x@example.com"} {
					body := c.base().with(f, jstr(v)).String()
					before := snapshot(t, a)
					r := a.Do("POST", c.path, tokenFor(a, c.as), body)
					if msg := refusedStrangely(r, verdict{field: f}); msg != "" {
						t.Errorf("%s = %q: %s", f, v, msg)
					}
					assertUnchanged(t, a, before)
				}
			}
			if len(c.fields) == 2 {
				body := c.base().with(c.fields[0], jstr("a\nb")).with(c.fields[1], jstr("c\rd")).String()
				r := a.Do("POST", c.path, tokenFor(a, c.as), body)
				for _, f := range c.fields {
					if msg := refusedStrangely(r, verdict{field: f}); msg != "" {
						t.Errorf("both single-line fields broken: %s", msg)
					}
				}
			}
		})
	}
}

// TestBlankReasonsAreRefused (issue 8 item 6): a request's reason of only
// white space is a 400 naming reason, on a self-nomination and a
// support-access request. (Blank rejection reasons: see
// TestADecisionPostgresCannotStoreLeavesTheRequestDecidable.)
func TestBlankReasonsAreRefused(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	for _, c := range singleLineFields[:2] {
		for _, v := range []string{"   ", "\t", " \r\n ", "\u00a0\u00a0\u00a0", ""} {
			body := c.base().with("reason", jstr(v)).String()
			before := snapshot(t, a)
			r := a.Do("POST", c.path, tokenFor(a, c.as), body)
			if msg := refusedStrangely(r, verdict{field: "reason"}); msg != "" {
				t.Errorf("%s reason %q: %s", c.route, v, msg)
			}
			assertUnchanged(t, a, before)
		}
	}
}

// TestAnEmptyBodyNamesEveryMissingField (issue 8 item 6): an empty
// self-nomination names each of its seven fields, site_number included; an
// empty support-access request its six; an enrolment names exactly the
// fields its kind needs (docs/api.md, "Enrolment body"), each as "is
// required", never a validator tag.
func TestAnEmptyBodyNamesEveryMissingField(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	site := []string{"country", "currency", "primary_contact_email", "site_name", "site_number"}
	cases := []struct {
		name, path, as, body string
		want                 []string
	}{
		{"self-nomination", "/v1/nominations", frank, `{}`,
			[]string{"company", "customer_number", "email", "name", "phone", "reason", "site_number"}},
		{"support-access request", "/v1/support-access-requests", henry, `{}`,
			[]string{"company", "customer_number", "email", "name", "phone", "reason"}},
		{"enrolment without a kind", "/v1/enrollments", ops, `{}`,
			append([]string{"agreement_number", "customer_name", "customer_number", "kind"}, site...)},
		{"origin enrolment", "/v1/enrollments", ops, `{"kind":"origin"}`,
			append([]string{"agreement_number", "anniversary", "customer_name", "customer_number", "volume_level"}, site...)},
		{"additional enrolment", "/v1/enrollments", ops, `{"kind":"additional"}`,
			append([]string{"agreement_number"}, site...)},
		{"express enrolment", "/v1/enrollments", ops, `{"kind":"express"}`,
			append([]string{"customer_name", "customer_number"}, site...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, a)
			r := a.Do("POST", c.path, tokenFor(a, c.as), c.body)
			p := assertProblem(t, r, http.StatusBadRequest, "validation")
			var got []string
			for _, e := range p.Errors {
				got = append(got, e.Field)
				if e.Detail != "is required" {
					t.Errorf("%s: detail %q, want \"is required\"", e.Field, e.Detail)
				}
				if strings.Contains(e.Detail, "required_") || strings.Contains(e.Detail, "Kind") {
					t.Errorf("%s: detail %q shows a validator tag", e.Field, e.Detail)
				}
			}
			want := slices.Clone(c.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("named %v, want %v", got, want)
			}
			assertUnchanged(t, a, before)
		})
	}
}
