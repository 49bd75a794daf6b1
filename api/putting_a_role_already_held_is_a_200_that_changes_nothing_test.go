package api_test

import (
	"bytes"
	"net/http"
	"testing"
)

// PUT of a contact role to the person who already holds it is idempotent:
// 200 with the site's contact list, as GET shows it, and nothing changes:
// no audit row, no new user (the email is matched case-insensitively), the
// same contacts and access. Repeating a change that just succeeded is the
// same no-op.
func TestPuttingARoleAlreadyHeldIsA200ThatChangesNothing(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	list := func() []byte {
		t.Helper()
		r := a.Do("GET", acmeSite+"/contacts", a.Token(alice), nil)
		ok(t, r, http.StatusOK)
		return r.Body
	}
	want := list()
	for _, c := range []struct{ role, who string }{
		{"primary", alice},
		{"administrative", bob},
		{"technical", carol},
		{"secondary", grace},
		{"secondary", dave},
		{"renewal", bob},
		{"media", carol},
		{"billing", henry},
		{"billing", "Henry@Acme.Example.com"},
	} {
		r := succeedsUnchanged(t, a, "PUT", acmeSite+"/contacts/"+c.role, alice, contact(c.who), http.StatusOK)
		if !bytes.Equal(r.Body, want) {
			t.Errorf("PUT %s to %s answered %s, want the contact list %s", c.role, c.who, r.Body, want)
		}
		var b contactsBody
		r.JSON(t, &b)
		if b.SiteNumber != "300001" || len(b.Contacts) == 0 {
			t.Errorf("PUT %s to %s: body %s is not the site's contact list", c.role, c.who, r.Body)
		}
	}

	// A delegate with contact update at update gets the same answer.
	changes(t, a, "PUT", acmeSite+"/users/"+dave+"/privileges", alice,
		privs("software", "downloads", "contact_update", "update"), http.StatusOK)
	succeedsUnchanged(t, a, "PUT", acmeSite+"/contacts/billing", dave, contact(henry), http.StatusOK)

	// A change, then the same request again: one audit row in all.
	changes(t, a, "PUT", acmeSite+"/contacts/media", alice, contact(erin), http.StatusOK)
	after := list()
	r := succeedsUnchanged(t, a, "PUT", acmeSite+"/contacts/media", alice, contact(erin), http.StatusOK)
	if !bytes.Equal(r.Body, after) {
		t.Errorf("repeated PUT answered %s, want %s", r.Body, after)
	}
}
