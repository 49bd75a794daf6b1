package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/api"
)

// DELETE of a contact role the person does not hold is a 404 not-found
// problem (there is no such contact), not a rule violation: it names the
// email and role the caller sent and nothing else — no user or site id, no
// rule, none of the role's actual holders, and the same words whether or
// not the person exists. It changes nothing and creates no user. A repeated
// DELETE of a role just removed is the same 404.
func TestDeletingARoleNotHeldIsA404NamingNothingInternal(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	const nobody = "nobody@nowhere.example.com"
	holderOf := map[string][]string{"primary": {alice}, "administrative": {bob}, "technical": {carol},
		"secondary": {dave, grace}, "renewal": {bob}, "media": {carol}, "billing": {henry}}
	ids := column(t, a.Runtime.DB, `SELECT id::text FROM users UNION SELECT id::text FROM sites
		UNION SELECT id::text FROM customers`)

	check := func(role, who string, p api.Problem, raw map[string]json.RawMessage) {
		t.Helper()
		if p.Rule != "" || len(p.Errors) != 0 {
			t.Errorf("DELETE %s/%s: rule %q errors %v, want neither", role, who, p.Rule, p.Errors)
		}
		if !strings.Contains(p.Detail, who) || !strings.Contains(p.Detail, role) {
			t.Errorf("DELETE %s/%s: detail %q does not name the email and role sent", role, who, p.Detail)
		}
		for _, h := range holderOf[role] {
			if h != who && strings.Contains(p.Detail, h) {
				t.Errorf("DELETE %s/%s: detail %q names the holder %s", role, who, p.Detail, h)
			}
		}
		rest := strings.ReplaceAll(p.Detail, who, "")
		for _, id := range ids {
			if regexp.MustCompile(`\b` + id + `\b`).MatchString(rest) {
				t.Errorf("DELETE %s/%s: detail %q carries the number %s", role, who, p.Detail, id)
			}
		}
		for _, word := range []string{"user_id", "record not found", "sql", "gorm", "A2", "A3", "A4"} {
			if strings.Contains(strings.ToLower(p.Detail), strings.ToLower(word)) {
				t.Errorf("DELETE %s/%s: detail %q says %q", role, who, p.Detail, word)
			}
		}
		for k := range raw {
			if !slices.Contains([]string{"type", "title", "status", "detail", "instance", "request_id"}, k) {
				t.Errorf("DELETE %s/%s: problem carries %q", role, who, k)
			}
		}
	}
	del := func(role, who string) (api.Problem, map[string]json.RawMessage) {
		t.Helper()
		before := snapshot(t, a)
		r := a.Do("DELETE", acmeSite+"/contacts/"+role+"/"+who, a.Token(alice), nil)
		p := assertProblem(t, r, http.StatusNotFound, "not-found")
		assertUnchanged(t, a, before)
		var raw map[string]json.RawMessage
		r.JSON(t, &raw)
		return p, raw
	}

	details := map[string]string{}
	for _, c := range []struct{ role, who string }{
		{"billing", erin},    // a user of the site without the role
		{"billing", nobody},  // nobody at all
		{"billing", dave},    // a contact in another role
		{"primary", bob},     // not the Primary (not A4)
		{"primary", nobody},  // nobody, primary role (not A4)
		{"secondary", henry}, // the billing contact
		{"media", heidi},     // the Primary of another site
		{"renewal", frank},   // someone without access anywhere
	} {
		p, raw := del(c.role, c.who)
		check(c.role, c.who, p, raw)
		details[c.role+" "+c.who] = strings.ReplaceAll(p.Detail, c.who, "<email>")
	}
	// No enumeration: the same words for a user of the site and for nobody.
	if details["billing "+erin] != details["billing "+nobody] || details["primary "+bob] != details["primary "+nobody] {
		t.Errorf("details differ between a known and an unknown person: %v", details)
	}
	if n := len(column(t, a.Runtime.DB, `SELECT email FROM users WHERE email = '`+nobody+`'`)); n != 0 {
		t.Errorf("a DELETE created %s", nobody)
	}

	// Removing a role, then removing it again: the second is the 404.
	changes(t, a, "DELETE", acmeSite+"/contacts/secondary/"+dave, alice, nil, http.StatusOK)
	holderOf["secondary"] = slices.DeleteFunc(holderOf["secondary"], func(e string) bool { return e == dave })
	p, raw := del("secondary", dave)
	check("secondary", dave, p, raw)
}
