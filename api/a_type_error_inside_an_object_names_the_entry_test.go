package api_test

import (
	"net/http"
	"testing"
)

// TestATypeErrorInsideAnObjectNamesTheEntry: a privilege level of the
// wrong type (a number, 1e400, an array) is named as the entry at fault,
// privileges.<tool>, not as "privileges: must be a string", which tells
// the client that the object itself should have been a string. A
// privileges value that is not an object is named privileges.
func TestATypeErrorInsideAnObjectNamesTheEntry(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	path := acmeSite + "/users/" + erin + "/privileges"
	cases := []struct{ body, field string }{
		{`{"privileges":{"software":1}}`, "privileges.software"},
		{`{"privileges":{"software":1e400}}`, "privileges.software"},
		{`{"privileges":{"software":["downloads"]}}`, "privileges.software"},
		{`{"privileges":{"reporting":"view","software":{"level":"downloads"}}}`, "privileges.software"},
		{`{"privileges":"downloads"}`, "privileges"},
	}
	for _, c := range cases {
		before := snapshot(t, a)
		r := a.Do("PUT", path, tokenFor(a, alice), c.body)
		if msg := refusedStrangely(r, verdict{field: c.field}); msg != "" {
			t.Errorf("%s: %s", c.body, msg)
		} else if r.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", c.body, r.Status)
		}
		assertUnchanged(t, a, before)
	}
}
