package api_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// A2: at most four secondary contacts.
func TestAtMostFourSecondaryContacts(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{dave, grace}) {
		t.Fatalf("seed secondaries = %v", h["secondary"])
	}
	for _, who := range []string{erin, henry} {
		_, e := changes(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(who), http.StatusOK)
		if e.Action != "contact.assign" || e.ObjectID != "secondary" {
			t.Errorf("audit row %+v", e)
		}
	}
	if h := holders(t, a, "300001", alice); len(h["secondary"]) != 4 {
		t.Fatalf("secondaries = %v, want 4", h["secondary"])
	}
	p := refused(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(bob), http.StatusConflict, "conflict", "A2", "")
	if !strings.Contains(p.Detail, "4") {
		t.Errorf("detail %q does not say the limit", p.Detail)
	}
	refused(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(frank), http.StatusConflict, "conflict", "A2", "")
	// Already a secondary: not a 5th, so not refused: 200, nothing changes.
	succeedsUnchanged(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(dave), http.StatusOK)

	// Freeing a slot lets the next one in.
	changes(t, a, "DELETE", acmeSite+"/contacts/secondary/"+erin, alice, nil, http.StatusOK)
	changes(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(bob), http.StatusOK)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{bob, dave, grace, henry}) {
		t.Fatalf("secondaries = %v", h["secondary"])
	}
	// erin lost the role but not her access.
	getSite(t, a, "300001", erin)
}

// Concurrent additions never exceed four secondary contacts (A2), and every
// refusal is a clean 409, not a 500.
func TestConcurrentSecondaryContacts(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	before := count(t, a.Runtime.DB, "audit_log")
	const n = 8
	statuses := make(chan int, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			r := a.Do("PUT", acmeSite+"/contacts/secondary", a.Token(alice), contact(fmt.Sprintf("helper%d@acme.example.com", i)))
			statuses <- r.Status
		}(i)
	}
	got := map[int]int{}
	for i := 0; i < n; i++ {
		got[<-statuses]++
	}
	if got[http.StatusOK] != 2 || got[http.StatusConflict] != n-2 {
		t.Errorf("statuses %v, want 2 × 200 and %d × 409", got, n-2)
	}
	if h := holders(t, a, "300001", alice); len(h["secondary"]) != 4 {
		t.Errorf("secondaries %v, want 4", h["secondary"])
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+2 {
		t.Errorf("%d audit rows for 2 changes", after-before)
	}
}
