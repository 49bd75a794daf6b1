package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Support-access requests: per account; only the account's people may ask.
func denyPostSupportRequest(t *testing.T, m *matrix) {
	try := func(who string, body any, status int) {
		t.Helper()
		r := m.do(t, "POST", "/v1/support-access-requests", who, body)
		m.refused(t, "POST /v1/support-access-requests as "+who, who, r, status, "/v1/support-access-requests", body)
	}
	for _, who := range []string{budi, frank, stranger, nominee} {
		try(who, accessRequest("1000001", "", who, "let me see the cases"), http.StatusUnprocessableEntity)
	}
	try(erin, accessRequest("1000001", "", erin, "a second pending request"), http.StatusConflict)
	try(heidi, accessRequest("1000001", "", heidi, "already has full"), http.StatusConflict)
	try(dave, accessRequest("1000001", targetSite, dave, "with a site"), http.StatusBadRequest)
}

func allowPostSupportRequest(t *testing.T, m *matrix) {
	// erin and henry's fixtures were created by right users; one more by
	// someone else of another account.
	m.expect(t, "POST", "/v1/support-access-requests", "siti@nusantara.example.com",
		map[string]any{"customer_number": "1000002", "name": "Siti", "email": "siti@nusantara.example.com",
			"company": "PT Nusantara", "phone": "+62215550302", "reason": "raise to full"}, http.StatusConflict, http.StatusCreated)
}

func denyListSupportRequests(t *testing.T, m *matrix) {
	for _, who := range []string{budi, frank, stranger, heidi, alice, bob, dave} {
		for _, q := range []string{"?as=approver", ""} {
			r := m.expect(t, "GET", "/v1/support-access-requests"+q, who, nil, http.StatusOK)
			if ids := requestIDs(t, r); slices.Contains(ids, m.fx.support) || slices.Contains(ids, m.fx.support2) {
				m.leaks++
				t.Errorf("LEAK: GET /v1/support-access-requests%s as %s lists erin's or henry's request", q, who)
			}
		}
	}
}

func allowListSupportRequests(t *testing.T, m *matrix) {
	for _, c := range []struct{ who, q string }{{carol, "?as=approver"}, {erin, ""}} {
		r := m.expect(t, "GET", "/v1/support-access-requests"+c.q, c.who, nil, http.StatusOK)
		if !slices.Contains(requestIDs(t, r), m.fx.support) {
			t.Errorf("GET /v1/support-access-requests%s as %s does not list erin's request: %s", c.q, c.who, r.Body)
		}
	}
}

// A support-access request is about its account: no support access to
// 1000001 is 404; support access below administrator is 403; the requester
// sees their own.
func denyGetSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support
	m.deny(t, "GET", p, nil, budi, frank, stranger, ops, henry)
	m.forbid(t, "GET", p, nil, heidi, alice, grace, bob, dave)
	m.deny(t, "GET", "/v1/support-access-requests/"+m.fx.nomination, nil, alice, carol, nominee)
	m.deny(t, "GET", "/v1/support-access-requests/"+uuid.NewString(), nil, carol)
}

func allowGetSupportRequest(t *testing.T, m *matrix) {
	for _, who := range []string{carol, erin} {
		r := m.expect(t, "GET", "/v1/support-access-requests/"+m.fx.support, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), supReason) {
			t.Errorf("GET support request as %s: %s", who, r.Body)
		}
	}
}

func denyDecideSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support + "/decision"
	// The requester (erin) has no support access to 1000001: the route does
	// not let owners through, so the request does not exist for her.
	m.deny(t, "POST", p, rejectBody, budi, frank, stranger, ops, erin)
	m.forbid(t, "POST", p, rejectBody, heidi, alice, grace, bob)
	m.deny(t, "POST", "/v1/support-access-requests/"+m.fx.nomination+"/decision", rejectBody, alice, carol)
}

func allowDecideSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support + "/decision"
	r := m.expect(t, "POST", p, carol, rejectBody, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"rejected"`) {
		t.Errorf("decision: %s", r.Body)
	}
	m.expect(t, "POST", p, carol, rejectBody, http.StatusConflict)
}

func denyWithdrawSupportRequest(t *testing.T, m *matrix) {
	p := "/v1/support-access-requests/" + m.fx.support2 + "/withdraw"
	m.deny(t, "POST", p, nil, carol, budi, frank, erin, alice)
	m.deny(t, "POST", "/v1/support-access-requests/"+m.fx.nomination2+"/withdraw", nil, nominee2)
}

func allowWithdrawSupportRequest(t *testing.T, m *matrix) {
	r := m.expect(t, "POST", "/v1/support-access-requests/"+m.fx.support2+"/withdraw", henry, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"withdrawn"`) {
		t.Errorf("withdraw: %s", r.Body)
	}
}
