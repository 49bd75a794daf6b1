package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// Support cases (D1): no support access on the account is 404, whoever
// the caller is; heidi (full on 1000001) is a right user here.
var (
	noSupport  = []string{budi, frank, stranger, ops, erin, henry}
	newCase    = map[string]any{"title": "Printer on fire", "description": "it burns", "severity": 3}
	caseUpdate = map[string]any{"body": "any news?"}
)

func denyPostCase(t *testing.T, m *matrix) {
	m.deny(t, "POST", "/v1/accounts/1000001/cases", newCase, noSupport...)
	m.deny(t, "POST", "/v1/accounts/9999999/cases", newCase, bob, alice)
	m.deny(t, "POST", "/v1/accounts/1000002/cases", newCase, bob, alice, heidi) // another account
}

func allowPostCase(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/accounts/1000001/cases", dave, newCase, http.StatusCreated)
}

func denyListCases(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/accounts/1000001/cases", nil, noSupport...)
	m.deny(t, "GET", "/v1/accounts/9999999/cases", nil, bob)
	m.deny(t, "GET", "/v1/accounts/1000002/cases", nil, bob, alice, heidi)
	// Basic access sees only one's own cases.
	r := m.expect(t, "GET", "/v1/accounts/1000001/cases", dave, nil, http.StatusOK)
	if strings.Contains(string(r.Body), caseTitle) {
		m.leaks++
		t.Errorf("LEAK: dave (basic) sees bob's case: %s", r.Body)
	}
}

func allowListCases(t *testing.T, m *matrix) {
	for _, who := range []string{bob, alice, heidi, carol} {
		r := m.expect(t, "GET", "/v1/accounts/1000001/cases", who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), caseTitle) {
			t.Errorf("cases as %s: %s", who, r.Body)
		}
	}
}

func denyGetCase(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/cases/"+m.fx.caseID, nil, append(noSupport, dave)...)
	m.deny(t, "GET", "/v1/cases/999999999", nil, alice)
	m.deny(t, "GET", "/v1/cases/not-a-number", nil, alice)
}

func allowGetCase(t *testing.T, m *matrix) {
	for _, who := range []string{bob, alice, heidi, carol} {
		r := m.expect(t, "GET", "/v1/cases/"+m.fx.caseID, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), caseTitle) {
			t.Errorf("case as %s: %s", who, r.Body)
		}
	}
}

func denyPostCaseUpdate(t *testing.T, m *matrix) {
	m.deny(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", caseUpdate, append(noSupport, dave)...)
	m.deny(t, "POST", "/v1/cases/999999999/updates", caseUpdate, alice)
}

func allowPostCaseUpdate(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", bob, caseUpdate, http.StatusCreated)
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/updates", alice, caseUpdate, http.StatusCreated)
}

func denyPostCaseParty(t *testing.T, m *matrix) {
	body := map[string]any{"email": grace}
	m.deny(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", body, append(noSupport, dave)...)
	m.deny(t, "POST", "/v1/cases/999999999/interested-parties", body, alice)
	// bob owns the case with basic access; adding parties needs full.
	r := m.do(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", bob, body)
	if r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
		t.Errorf("bob (basic) adds an interested party: %d %s", r.Status, r.Body)
	}
}

func allowPostCaseParty(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/cases/"+m.fx.caseID+"/interested-parties", alice, map[string]any{"email": grace}, http.StatusCreated)
}

// Support users (D1 administrators): no support access or another account
// is 404; basic and full holders are 403; the STC (administrator) manages.
func denySupportUsers(t *testing.T, m *matrix) {
	m.deny(t, "GET", "/v1/accounts/1000001/support-users", nil, noSupport...)
	m.deny(t, "GET", "/v1/accounts/1000002/support-users", nil, carol, alice)
	for _, who := range []string{dave, bob} {
		r := m.do(t, "GET", "/v1/accounts/1000001/support-users", who, nil)
		m.refused(t, "support-users as "+who, who, r, http.StatusForbidden, "/v1/accounts/1000001/support-users", nil)
	}
}

func allowSupportUsers(t *testing.T, m *matrix) {
	r := m.expect(t, "GET", "/v1/accounts/1000001/support-users", carol, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), erin) {
		t.Errorf("support users as carol: %s", r.Body)
	}
}

func denySetSupportLevel(t *testing.T, m *matrix) {
	body := map[string]string{"support_level": "administrator"}
	m.deny(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, body, noSupport...)
	m.deny(t, "PUT", "/v1/accounts/1000002/support-users/"+erin, body, carol)
	for _, who := range []string{dave, bob} {
		r := m.do(t, "PUT", "/v1/accounts/1000001/support-users/"+who, who, body)
		m.refused(t, "raise own support level as "+who, who, r, http.StatusForbidden, "/v1/accounts/1000001/support-users/"+who, body)
	}
}

func allowSetSupportLevel(t *testing.T, m *matrix) {
	m.expect(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, carol, map[string]string{"support_level": "basic"}, http.StatusOK)
	m.expect(t, "PUT", "/v1/accounts/1000001/support-users/"+erin, carol, map[string]string{"support_level": "none"}, http.StatusOK)
}
