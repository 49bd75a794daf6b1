package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// Following an account's cases (D1 full, "receive updates"): full support
// access or more; basic is 403; no support access to the account, or
// another account, is 404.
func denyCaseFollowing(method string) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		const p = "/v1/accounts/1000001/case-following"
		m.deny(t, method, p, nil, noSupport...)
		m.forbid(t, method, p, nil, bob, dave)
		m.deny(t, method, "/v1/accounts/9999999/case-following", nil, alice)
		m.deny(t, method, "/v1/accounts/1000002/case-following", nil, alice, heidi)
	}
}

func allowCaseFollowing(method string) func(t *testing.T, m *matrix) {
	want := `"following":true`
	if method == "DELETE" {
		want = `"following":false`
	}
	return func(t *testing.T, m *matrix) {
		for _, who := range []string{alice, grace, heidi, carol} {
			r := m.expect(t, method, "/v1/accounts/1000001/case-following", who, nil, http.StatusOK)
			if !strings.Contains(string(r.Body), want) {
				t.Errorf("%s case-following as %s: %s", method, who, r.Body)
			}
		}
	}
}
