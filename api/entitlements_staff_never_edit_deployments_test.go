package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pao/pao/internal/auth"
)

// Deployment records are the customer's: IBM-side staff (ibm-ops, the
// customer's sales and renewal reps) hold no site privileges, so no
// entitlement route exists for them (404), reading or writing; a user at
// Entitlements = view reads but cannot write (403); at update she can.
// Nothing a refused caller sends changes a record.
func TestEntitlementsStaffNeverEditDeployments(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	id, _ := addDeployment(t, a, "300001", "E0R50LL", carol, "Austin prod", 4)
	rec := fmt.Sprintf("/v1/deployments/%d", id)
	writes := []struct {
		method, path string
		body         any
	}{
		{"POST", acmeSite + "/entitlements/E0R50LL/deployments", deploymentBody("Staff probe", 1)},
		{"PATCH", rec, map[string]any{"quantity": 1}},
		{"DELETE", rec, nil},
	}
	reads := []string{acmeSite + "/entitlements", acmeSite + "/entitlements/E0R50LL", acmeSite + "/entitlements/E0R50LL/deployments", rec}
	before := column(t, a.Runtime.DB, `SELECT id || ' ' || name || ' ' || quantity || ' ' || updated_at::text FROM deployments ORDER BY id`)
	audits := count(t, a.Runtime.DB, "audit_log")

	for _, s := range []struct{ who, role string }{
		{ops, auth.RoleIBMOps}, {salesRep, auth.RoleSalesRep}, {renewalRep, auth.RoleRenewalRep},
	} {
		tok := a.Token(s.who, s.role)
		for _, w := range writes {
			if r := a.Do(w.method, w.path, tok, w.body); r.Status != http.StatusNotFound {
				t.Errorf("%s %s as %s (%s) = %d, want 404: %s", w.method, w.path, s.who, s.role, r.Status, r.Body)
			}
		}
		for _, p := range reads {
			if r := a.Do("GET", p, tok, nil); r.Status != http.StatusNotFound {
				t.Errorf("GET %s as %s (%s) = %d, want 404", p, s.who, s.role, r.Status)
			}
		}
	}
	for _, w := range writes {
		if r := a.Do(w.method, w.path, tokenFor(a, dave), w.body); r.Status != http.StatusForbidden {
			t.Errorf("%s %s as dave (view) = %d, want 403: %s", w.method, w.path, r.Status, r.Body)
		}
	}
	for _, p := range reads {
		if r := a.Do("GET", p, tokenFor(a, dave), nil); r.Status != http.StatusOK {
			t.Errorf("GET %s as dave (view) = %d, want 200: %s", p, r.Status, r.Body)
		}
	}
	after := column(t, a.Runtime.DB, `SELECT id || ' ' || name || ' ' || quantity || ' ' || updated_at::text FROM deployments ORDER BY id`)
	if fmt.Sprint(before) != fmt.Sprint(after) || count(t, a.Runtime.DB, "audit_log") != audits {
		t.Errorf("refused callers changed deployments %v → %v, or the audit log", before, after)
	}
	if r := a.Do("PATCH", rec, tokenFor(a, carol), map[string]any{"quantity": 5}); r.Status != http.StatusOK {
		t.Errorf("PATCH %s as carol (update) = %d: %s", rec, r.Status, r.Body)
	}
}
