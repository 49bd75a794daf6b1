package api_test

import (
	"net/http"
	"testing"
)

// TestBodiesAreDecodedStrictly: every request body goes through api.Bind,
// which refuses what a lenient decoder would let through or PostgreSQL
// could not store: duplicate keys (which value wins is up to the parser),
// NUL characters, invalid UTF-8, and control characters in single-line
// fields. Each is a 400 naming the field, and changes nothing.
func TestBodiesAreDecodedStrictly(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	contacts := acmeSite + "/contacts/billing"
	privileges := acmeSite + "/users/" + erin + "/privileges"
	nomination := func(field, value string) map[string]any {
		b := accessRequest("1000001", "300001", frank, "I run the build farm")
		b[field] = value
		return b
	}
	cases := []struct {
		name, method, path, as string
		body                   any
		field                  string
	}{
		{"duplicate key", "PUT", contacts, alice, `{"email":"erin@acme.example.com","email":"frank@newcomer.example.com"}`, "email"},
		{"duplicate nested key", "PUT", privileges, alice, `{"privileges":{"software":"downloads","software":"full"}}`, "privileges.software"},
		{"NUL character", "PUT", contacts, alice, `{"email":"erin\u0000@acme.example.com"}`, "email"},
		{"NUL character nested", "PUT", privileges, alice, `{"privileges":{"software":"down\u0000loads"}}`, "privileges.software"},
		{"invalid UTF-8", "PUT", contacts, alice, "{\"email\":\"erin\xff@acme.example.com\"}", "email"},
		{"invalid UTF-8 nested", "PUT", privileges, alice, "{\"privileges\":{\"software\":\"\xffdownloads\"}}", "privileges"},
		{"line break in a single-line field", "POST", "/v1/nominations", frank, nomination("name", "Some\nOne"), "name"},
		{"tab in a single-line field", "POST", "/v1/nominations", frank, nomination("company", "Else\twhere Ltd"), "company"},
		{"bell in a single-line field", "POST", "/v1/nominations", frank, nomination("name", "Some\aOne"), "name"},
		{"bell in a multi-line field", "POST", "/v1/nominations", frank, nomination("reason", "line one\nline\a two"), "reason"},
		{"NUL in a multi-line field", "POST", "/v1/nominations", frank, nomination("reason", "line one\x00"), "reason"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			refused(t, a, c.method, c.path, c.as, c.body, http.StatusBadRequest, "validation", "", c.field)
		})
	}
}
