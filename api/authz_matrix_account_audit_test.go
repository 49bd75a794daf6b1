package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// The account audit (H4, B3): the account's support administrators (the
// STC is one) and its managers (the Primary of one of its sites, or manage
// access on one) read it; a user of the account with support access but
// neither is 403; no support access to the account, or another account,
// is 404.
func denyAccountAudit(t *testing.T, m *matrix) {
	const p = "/v1/accounts/1000001/audit"
	m.deny(t, "GET", p, nil, budi, frank, stranger, ops, erin, henry)
	m.forbid(t, "GET", p, nil, bob, dave)
	m.deny(t, "GET", "/v1/accounts/9999999/audit", nil, alice, carol)
	m.deny(t, "GET", "/v1/accounts/1000002/audit", nil, alice, carol, heidi)
}

func allowAccountAudit(t *testing.T, m *matrix) {
	// heidi is the Primary of 300002, a site of the same account.
	for _, who := range []string{carol, alice, grace, heidi} {
		r := m.expect(t, "GET", "/v1/accounts/1000001/audit", who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), `"entries"`) {
			t.Errorf("account audit as %s: %s", who, r.Body)
		}
	}
}
