package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Self-nomination: anyone signed in may ask, and learns nothing of the site
// by asking.
func denyPostNomination(t *testing.T, m *matrix) {
	try := func(who string, body any, status int) {
		t.Helper()
		r := m.do(t, "POST", "/v1/nominations", who, body)
		m.refused(t, "POST /v1/nominations as "+who, who, r, status, "/v1/nominations", body)
	}
	try(budi, accessRequest("1000002", targetSite, budi, "wrong customer for the site"), http.StatusUnprocessableEntity)
	try(frank, accessRequest("1000001", missingSite, frank, "no such site"), http.StatusUnprocessableEntity)
	try(frank, accessRequest("1000001", targetSite, alice, "someone else's email"), http.StatusBadRequest)
	try(nominee, accessRequest("1000001", targetSite, nominee, "a second pending request"), http.StatusConflict)
	try(erin, accessRequest("1000001", targetSite, erin, "already has access"), http.StatusConflict)
}

func allowPostNomination(t *testing.T, m *matrix) {
	// The fixtures were created by the right users (201, no leak); one more
	// for a site the caller may ask for.
	m.expect(t, "POST", "/v1/nominations", frank, accessRequest("1000002", "300101", frank, "please"), http.StatusCreated)
}

func denyListNominations(t *testing.T, m *matrix) {
	for _, who := range []string{heidi, budi, frank, stranger, erin, dave, nominee2} {
		for _, q := range []string{"?as=approver", "", "?as=approver&status=pending"} {
			r := m.expect(t, "GET", "/v1/nominations"+q, who, nil, http.StatusOK)
			ids := requestIDs(t, r)
			if slices.Contains(ids, m.fx.nomination) {
				m.leaks++
				t.Errorf("LEAK: GET /v1/nominations%s as %s lists nominee's request", q, who)
			}
			if who != nominee2 {
				m.noLeak(t, "GET /v1/nominations"+q+" as "+who, who, r, "/v1/nominations"+q, nil)
			}
		}
	}
}

func allowListNominations(t *testing.T, m *matrix) {
	for _, c := range []struct{ who, q string }{{alice, "?as=approver"}, {grace, "?as=approver"}, {nominee, ""}} {
		r := m.expect(t, "GET", "/v1/nominations"+c.q, c.who, nil, http.StatusOK)
		if !slices.Contains(requestIDs(t, r), m.fx.nomination) {
			t.Errorf("GET /v1/nominations%s as %s does not list the request: %s", c.q, c.who, r.Body)
		}
	}
}

// A nomination is about its site: no access to 300001 is 404; access to it
// below manage access update is 403; the requester sees their own.
func denyGetNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination
	m.deny(t, "GET", p, nil, heidi, budi, frank, stranger, ops, nominee2)
	m.forbid(t, "GET", p, nil, erin, dave, carol, bob, henry)
	m.deny(t, "GET", "/v1/nominations/"+uuid.NewString(), nil, alice)
	m.deny(t, "GET", "/v1/nominations/not-a-uuid", nil, alice)
	m.deny(t, "GET", "/v1/nominations/"+m.fx.support, nil, alice, carol, erin)
}

func allowGetNomination(t *testing.T, m *matrix) {
	for _, who := range []string{alice, grace, nominee} {
		r := m.expect(t, "GET", "/v1/nominations/"+m.fx.nomination, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), nomReason) {
			t.Errorf("GET nomination as %s: %s", who, r.Body)
		}
	}
}

func denyDecideNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination + "/decision"
	// The requester (nominee) has no access to 300001: the route does not
	// let owners through, so the request does not exist for them either.
	m.deny(t, "POST", p, rejectBody, heidi, budi, frank, stranger, ops, nominee, nominee2)
	m.forbid(t, "POST", p, rejectBody, erin, dave, carol)
	m.deny(t, "POST", "/v1/nominations/"+m.fx.support+"/decision", rejectBody, alice, carol)
	m.deny(t, "POST", "/v1/nominations/"+uuid.NewString()+"/decision", rejectBody, alice)
}

func allowDecideNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination + "/decision"
	r := m.expect(t, "POST", p, alice, rejectBody, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"rejected"`) {
		t.Errorf("decision: %s", r.Body)
	}
	m.expect(t, "POST", p, grace, rejectBody, http.StatusConflict)
}

func denyWithdrawNomination(t *testing.T, m *matrix) {
	p := "/v1/nominations/" + m.fx.nomination2 + "/withdraw"
	m.deny(t, "POST", p, nil, heidi, budi, frank, stranger, alice, grace, nominee)
	m.deny(t, "POST", "/v1/nominations/"+m.fx.support2+"/withdraw", nil, henry)
}

func allowWithdrawNomination(t *testing.T, m *matrix) {
	r := m.expect(t, "POST", "/v1/nominations/"+m.fx.nomination2+"/withdraw", nominee2, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), `"status":"withdrawn"`) {
		t.Errorf("withdraw: %s", r.Body)
	}
}
