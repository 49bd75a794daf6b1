package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

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
