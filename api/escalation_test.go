package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

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

// TestSupportAccessGoesWithTheLastSite: revoking a user's access to the
// account's last site they had also ends their support access (D1).
func TestSupportAccessGoesWithTheLastSite(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	carol, alice, erin := a.Token("carol@acme.example.com"), a.Token("alice@acme.example.com"), a.Token("erin@acme.example.com")
	if r := a.Do("PUT", "/v1/accounts/1000001/support-users/erin@acme.example.com", carol, map[string]string{"support_level": "full"}); r.Status != http.StatusOK {
		t.Fatalf("set level = %d %s", r.Status, r.Body)
	}
	if r := a.Do("GET", "/v1/accounts/1000001/cases", erin, nil); r.Status != http.StatusOK {
		t.Fatalf("cases with full = %d %s", r.Status, r.Body)
	}
	if r := a.Do("DELETE", "/v1/sites/300001/users/erin@acme.example.com", alice, nil); r.Status != http.StatusNoContent {
		t.Fatalf("revoke = %d %s", r.Status, r.Body)
	}
	assertProblem(t, a.Do("GET", "/v1/accounts/1000001/cases", erin, nil), http.StatusNotFound, "not-found")
	var n int64
	if err := a.Runtime.DB.Raw("SELECT count(*) FROM support_access sa JOIN users u ON u.id = sa.user_id WHERE u.email = 'erin@acme.example.com'").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d support_access rows left", n)
	}
}
