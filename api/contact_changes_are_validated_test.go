package api_test

import (
	"net/http"
	"testing"
)

// TestContactChangesAreValidated: a contact change with an unknown role,
// a bad email, an unknown field or a malformed body is a 400 naming the
// field; contact update below update is 403. (A role already held is a
// 200 that changes nothing, a role not held a 404: each has its own file.)
func TestContactChangesAreValidated(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	cases := []struct {
		name, method, path string
		body               any
		status             int
		slug, rule, field  string
	}{
		{"unknown role", "PUT", "/contacts/owner", contact(erin), 400, "validation", "", "role"},
		{"account_management is no role", "PUT", "/contacts/account_management", contact(erin), 400, "validation", "", "role"},
		{"bad email", "PUT", "/contacts/billing", contact("not-an-email"), 400, "validation", "", "email"},
		{"display-name email", "PUT", "/contacts/billing", contact("Erin <erin@acme.example.com>"), 400, "validation", "", "email"},
		{"missing email", "PUT", "/contacts/billing", map[string]any{}, 400, "validation", "", "email"},
		{"email not a string", "PUT", "/contacts/billing", map[string]any{"email": 5}, 400, "validation", "", "email"},
		{"unknown field (mass assignment)", "PUT", "/contacts/billing", map[string]any{"email": "x@y.z", "site_id": 5}, 400, "validation", "", "site_id"},
		{"unknown field user_id", "PUT", "/contacts/secondary", map[string]any{"email": erin, "user_id": 1}, 400, "validation", "", "user_id"},
		{"no body", "PUT", "/contacts/billing", nil, 400, "validation", "", "body"},
		{"malformed body", "PUT", "/contacts/billing", `{"email":`, 400, "validation", "", "body"},
		{"two objects", "PUT", "/contacts/billing", `{"email":"erin@acme.example.com"}{}`, 400, "validation", "", "body"},
		{"delete unknown role", "DELETE", "/contacts/owner/" + carol, nil, 400, "validation", "", "role"},
		{"delete bad email", "DELETE", "/contacts/media/not-an-email", nil, 400, "validation", "", "email"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			refused(t, a, c.method, acmeSite+c.path, alice, c.body, c.status, c.slug, c.rule, c.field)
		})
	}
	t.Run("contact update at view is not enough", func(t *testing.T) {
		refused(t, a, "PUT", acmeSite+"/contacts/billing", grace, contact(erin), 403, "forbidden", "", "")
		refused(t, a, "DELETE", acmeSite+"/contacts/billing/"+henry, grace, nil, 403, "forbidden", "", "")
		r := a.Do("GET", acmeSite+"/contacts", a.Token(grace), nil)
		ok(t, r, http.StatusOK)
	})
	t.Run("no contact update at all", func(t *testing.T) {
		refused(t, a, "GET", acmeSite+"/contacts", erin, nil, 403, "forbidden", "", "")
		refused(t, a, "PUT", acmeSite+"/contacts/billing", erin, contact(erin), 403, "forbidden", "", "")
	})
}
