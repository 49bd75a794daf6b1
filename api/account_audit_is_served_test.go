package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// TestAccountAuditIsServed: account-level entries (a support level set by
// the STC) are served at /v1/accounts/:customer/audit to the account's
// support administrators and managers; a user of the account with neither
// gets 403, anyone outside it 404 (H4, B3).
func TestAccountAuditIsServed(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	const carol = "carol@acme.example.com" // STC: support administrator of 1000001
	if r := a.Do("PUT", "/v1/accounts/1000001/support-users/erin@acme.example.com", a.Token(carol),
		map[string]string{"support_level": "basic"}); r.Status != http.StatusOK {
		t.Fatalf("set support level = %d %s", r.Status, r.Body)
	}
	for who, want := range map[string]int{
		carol:                        http.StatusOK,        // support administrator (the STC)
		"alice@acme.example.com":     http.StatusOK,        // Primary: manages the account
		"grace@acme.example.com":     http.StatusOK,        // manage access = update on 300001
		"erin@acme.example.com":      http.StatusForbidden, // support basic now, no manage access
		"budi@nusantara.example.com": http.StatusNotFound,  // another account's Primary
		"frank@newcomer.example.com": http.StatusNotFound,  // nobody
	} {
		r := a.Do("GET", "/v1/accounts/1000001/audit", a.Token(who), nil)
		if r.Status != want {
			t.Errorf("%s: account audit = %d, want %d: %s", who, r.Status, want, r.Body)
			continue
		}
		if want == http.StatusOK && !strings.Contains(string(r.Body), `"action":"support_level.set"`) {
			t.Errorf("%s: the support level change is not listed: %s", who, r.Body)
		}
	}
	// The site audit links to it.
	r := a.Do("GET", "/v1/sites/300001/audit", a.Token("alice@acme.example.com"), nil)
	if !strings.Contains(string(r.Body), `"account_audit":"/v1/accounts/1000001/audit"`) {
		t.Fatalf("site audit = %s", r.Body)
	}
}
