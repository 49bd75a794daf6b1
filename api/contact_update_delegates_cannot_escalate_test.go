package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// Only the Primary Contact moves the Primary role: someone granted contact
// update cannot make themselves Primary and so gain manage access, which
// only the Primary may grant (B2).
func TestContactUpdateDelegateCannotSeizeThePrimaryRole(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	changes(t, a, "PUT", acmeSite+"/users/"+dave+"/privileges", alice,
		privs("software", "downloads", "reporting", "view", "entitlements", "view", "contact_update", "update"), http.StatusOK)
	// dave may edit the other contacts…
	changes(t, a, "PUT", acmeSite+"/contacts/billing", dave, contact(erin), http.StatusOK)
	// …but not take the Primary role (and with it manage access).
	refused(t, a, "PUT", acmeSite+"/contacts/primary", dave, contact(dave), http.StatusForbidden, "forbidden", "B2", "")
}

// TestDelegatesCannotEscalate: contact update lets a delegate edit contact
// details, not take the roles that carry power: the primary role (account
// management) and the technical role (support administrator of the account).
func TestDelegatesCannotEscalate(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	const site = "/v1/sites/300001"
	alice, dave := a.Token("alice@acme.example.com"), a.Token("dave@acme.example.com")
	if r := a.Do("PUT", site+"/users/dave@acme.example.com/privileges", alice, map[string]any{
		"privileges": map[string]string{"software": "downloads", "contact_update": "update"},
	}); r.Status != http.StatusOK {
		t.Fatalf("grant contact_update = %d %s", r.Status, r.Body)
	}
	for _, role := range []string{"primary", "technical"} {
		r := a.Do("PUT", site+"/contacts/"+role, dave, map[string]string{"email": "dave@acme.example.com"})
		assertProblem(t, r, http.StatusForbidden, "forbidden")
	}
	r := a.Do("DELETE", site+"/contacts/technical/carol@acme.example.com", dave, nil)
	assertProblem(t, r, http.StatusForbidden, "forbidden")
	// Other roles are his to edit.
	if r := a.Do("PUT", site+"/contacts/billing", dave, map[string]string{"email": "dave@acme.example.com"}); r.Status != http.StatusOK {
		t.Fatalf("billing by dave = %d %s", r.Status, r.Body)
	}
	// The Primary may move the technical role.
	if r := a.Do("PUT", site+"/contacts/technical", alice, map[string]string{"email": "dave@acme.example.com"}); r.Status != http.StatusOK {
		t.Fatalf("technical by alice = %d %s", r.Status, r.Body)
	}
}
