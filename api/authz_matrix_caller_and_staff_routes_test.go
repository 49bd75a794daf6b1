package api_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

func decodeMe(t *testing.T, r testenv.Response) meBody {
	t.Helper()
	var b meBody
	r.JSON(t, &b)
	return b
}

// Signed in: any user, their own data only.
func denyMe(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops, nominee} {
		r := m.expect(t, "GET", "/v1/me", who, nil, http.StatusOK)
		b := decodeMe(t, r)
		if b.Email != who {
			t.Errorf("GET /v1/me as %s names %s", who, b.Email)
		}
		for _, s := range b.Sites {
			if s.SiteNumber == targetSite {
				t.Errorf("GET /v1/me as %s lists site %s", who, targetSite)
			}
		}
		// heidi's own site 300002 belongs to customer 1000001: that number
		// is hers to see; 300001's people and name are not.
		m.noLeak(t, "GET /v1/me as "+who, who, r, "/v1/me", nil, "1000001", "Acme Corporation", "2000001")
	}
}

func allowMe(t *testing.T, m *matrix) {
	r := m.expect(t, "GET", "/v1/me", alice, nil, http.StatusOK)
	if b := decodeMe(t, r); len(b.Sites) != 1 || b.Sites[0].SiteNumber != targetSite || !b.Sites[0].Primary {
		t.Errorf("alice's /v1/me = %+v", b)
	}
}

// Staff only: the route does not exist for anyone else.
func denyEnrollments(t *testing.T, m *matrix) {
	body := map[string]any{
		"kind": "additional", "agreement_number": "2000001", "site_number": "300777", "site_name": "Acme Annex",
		"country": "US", "currency": "USD", "primary_contact_email": frank,
	}
	m.deny(t, "POST", "/v1/enrollments", body, frank, stranger, heidi, budi, alice, grace, erin)
	r := m.a.Do("POST", "/v1/enrollments", m.a.Token("sales@ibm.example.com", "sales-rep"), body)
	m.attempts++
	m.refused(t, "POST /v1/enrollments as sales-rep", "sales@ibm.example.com", r, http.StatusNotFound, "/v1/enrollments", body)
}

func allowEnrollments(t *testing.T, m *matrix) {
	m.expect(t, "POST", "/v1/enrollments", ops, map[string]any{}, http.StatusBadRequest)
}

// Dev mode: the caller's own mail only.
func denyDevMail(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops} {
		r := m.expect(t, "GET", "/v1/dev/mail", who, nil, http.StatusOK)
		m.noLeak(t, "GET /v1/dev/mail as "+who, who, r, "/v1/dev/mail", nil)
	}
}

func allowDevMail(t *testing.T, m *matrix) {
	m.expect(t, "GET", "/v1/dev/mail", alice, nil, http.StatusOK)
}
