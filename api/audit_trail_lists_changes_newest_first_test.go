package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestAuditTrailListsChangesNewestFirst: every change writes one audit row
// with its before and after state; a site's audit listing pages through
// exactly that site's rows, newest first, and needs manage access view.
func TestAuditTrailListsChangesNewestFirst(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	steps := []struct {
		method, path, as string
		body             any
		status           int
		action           string
	}{
		{"PUT", "/contacts/secondary", alice, contact(erin), 200, "contact.assign"},
		{"PUT", "/users/" + frank + "/privileges", grace, privs("software", "downloads"), 200, "privileges.set"},
		{"DELETE", "/contacts/secondary/" + erin, alice, nil, 200, "contact.remove"},
		{"PUT", "/contacts/billing", alice, contact(bob), 200, "contact.assign"},
		{"DELETE", "/users/" + frank, grace, nil, 204, "access.revoke"},
	}
	for _, s := range steps {
		_, e := changes(t, a, s.method, acmeSite+s.path, s.as, s.body, s.status)
		if e.Action != s.action {
			t.Errorf("%s %s: action %q, want %q", s.method, s.path, e.Action, s.action)
		}
		if s.action != "access.revoke" && s.action != "contact.remove" && len(e.After) == 0 {
			t.Errorf("%s: no after state", s.action)
		}
		if s.action != "privileges.set" && len(e.Before) == 0 {
			t.Errorf("%s: no before state", s.action)
		}
	}
	// A change on another site is not listed for 300001.
	changes(t, a, "PUT", "/v1/sites/300002/contacts/secondary", heidi, contact(bob), 200)

	var want []int64
	if err := a.Runtime.DB.Model(&models.AuditEntry{}).Joins("JOIN sites ON sites.id = audit_log.site_id").
		Where("sites.site_number = ?", "300001").Order("audit_log.id DESC").Pluck("audit_log.id", &want).Error; err != nil {
		t.Fatal(err)
	}
	if len(want) != len(steps) {
		t.Fatalf("300001 has %d audit rows, want %d", len(want), len(steps))
	}

	var got []int64
	var actions []string
	next, pages := acmeSite+"/audit?limit=2", 0
	for next != "" {
		if pages++; pages > 10 {
			t.Fatal("pagination does not end")
		}
		r := a.Do("GET", next, a.Token(grace), nil)
		ok(t, r, http.StatusOK)
		var p auditPage
		r.JSON(t, &p)
		if len(p.Entries) > 2 {
			t.Fatalf("page of %d entries with limit=2", len(p.Entries))
		}
		for _, e := range p.Entries {
			got = append(got, e.ID)
			actions = append(actions, e.Action)
			if e.Actor == "" || e.At.IsZero() {
				t.Errorf("entry %+v lacks actor or time", e)
			}
		}
		if p.Next != "" && !strings.HasPrefix(p.Next, acmeSite+"/audit?") {
			t.Fatalf("next = %q", p.Next)
		}
		next = p.Next
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("paginated ids %v, want %v (newest first)", got, want)
	}
	wantActions := []string{"access.revoke", "contact.assign", "contact.remove", "privileges.set", "contact.assign"}
	if !reflect.DeepEqual(actions, wantActions) {
		t.Errorf("actions %v, want %v", actions, wantActions)
	}

	for _, q := range []string{"limit=0", "limit=201", "limit=x", "before=-1"} {
		refused(t, a, "GET", acmeSite+"/audit?"+q, alice, nil, 400, "validation", "", strings.Split(q, "=")[0])
	}
	// The audit needs manage access view.
	refused(t, a, "GET", acmeSite+"/audit", erin, nil, 403, "forbidden", "", "")
}
