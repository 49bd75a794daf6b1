package codecserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/internal/auth"
)

// Decrypting business data is for IBM operations: no credentials or an
// invalid token is 401 (readable by the UI: CORS headers on the refusal),
// a customer's or a sales rep's valid token is 403, an ibm-ops token or
// the shared secret decodes.
func TestDecodesOnlyForIBMOpsOrTheSecret(t *testing.T) {
	f := newFixture(t, false)
	body := f.sealed(t, `"alice@acme.example.com"`)
	for name, tc := range map[string]struct {
		auth string
		want int
	}{
		"no credentials":    {"", http.StatusUnauthorized},
		"not a bearer":      {"Basic " + secret, http.StatusUnauthorized},
		"an invalid token":  {"Bearer not.a.token", http.StatusUnauthorized},
		"a wrong secret":    {"Bearer " + strings.ToUpper(secret), http.StatusUnauthorized},
		"a customer":        {"Bearer " + f.token(t, "alice@acme.example.com"), http.StatusForbidden},
		"a sales rep":       {"Bearer " + f.token(t, "rep@ibm.example.com", auth.RoleSalesRep), http.StatusForbidden},
		"an ibm-ops token":  {"Bearer " + f.token(t, "ops@ibm.example.com", auth.RoleIBMOps), http.StatusOK},
		"the shared secret": {"Bearer " + secret, http.StatusOK},
	} {
		t.Run(name, func(t *testing.T) {
			resp, out := f.call(t, "POST", "/decode", body, uiHeaders(tc.auth))
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, out)
			}
			if tc.want != http.StatusOK {
				if strings.Contains(out, "alice") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("refusal %s (%s)", out, resp.Header.Get("Content-Type"))
				}
				if resp.Header.Get("Access-Control-Allow-Origin") != uiOrigin {
					t.Errorf("the UI cannot read the refusal: no Access-Control-Allow-Origin")
				}
			}
			if tc.want == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

// With Anonymous (the keys are all public) a request without credentials
// decodes; a bad token is still refused.
func TestAnonymousDecodesWithoutCredentials(t *testing.T) {
	f := newFixture(t, true)
	resp, out := f.call(t, "POST", "/decode", f.sealed(t, `"x"`), uiHeaders(""))
	if resp.StatusCode != http.StatusOK || decoded(t, out)[0] != `"x"` {
		t.Fatalf("anonymous: %d %s", resp.StatusCode, out)
	}
	if resp, _ := f.call(t, "POST", "/decode", f.sealed(t, `"x"`), uiHeaders("Bearer nope")); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a bad token in anonymous mode: %d", resp.StatusCode)
	}
}
