package e2e_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// requestColumn reads one column of a request's read-model row.
func requestColumn(t *testing.T, w world, id, column string) string {
	t.Helper()
	var s string
	if err := w.Runtime.DB.Table("access_requests").Select(column).Where("id = ?", id).Scan(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func requestStatus(t *testing.T, w world, id string) string { return requestColumn(t, w, id, "status") }

func runIDOf(t *testing.T, w world, id string) string { return requestColumn(t, w, id, "run_id") }

func TestSelfNominationRejected(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	v := nominate(t, w, frank, "300001")
	// Validation names the field; nothing changes.
	r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(grace), map[string]any{"decision": "reject"})
	if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), `"field":"reason"`) {
		t.Fatalf("reject without reason = %d %s", r.Status, r.Body)
	}
	r = w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(grace), map[string]any{"decision": "reject", "reason": "Not on the platform team"})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"rejected"`) {
		t.Fatalf("reject = %d %s", r.Status, r.Body)
	}
	msgs := w.waitMail(t, 2, 20*time.Second)
	if !slices.Equal(sortedTo(msgs[1]), []string{frank}) || !strings.Contains(msgs[1].Subject, "rejected") ||
		!strings.Contains(string(msgs[1].Data), "Not on the platform team") {
		t.Fatalf("rejection email = %v", subjects(msgs))
	}
	var me struct{ Sites []any }
	w.Do("GET", "/v1/me", w.Token(frank), nil).JSON(t, &me)
	if len(me.Sites) != 0 {
		t.Fatalf("frank got access after rejection: %+v", me)
	}
	recordHistory(t, w.Runtime.Temporal, v.WorkflowID, runIDOf(t, w, v.ID), "nomination_rejected")
}

func TestSelfNominationWithdrawn(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	v := nominate(t, w, frank, "300001")
	// Only the requester withdraws; to anybody else the route does not exist.
	if r := w.Do("POST", "/v1/nominations/"+v.ID+"/withdraw", w.Token(alice), nil); r.Status != http.StatusNotFound {
		t.Fatalf("withdraw by alice = %d %s", r.Status, r.Body)
	}
	if r := w.Do("POST", "/v1/nominations/"+v.ID+"/withdraw", w.Token(frank), nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"withdrawn"`) {
		t.Fatalf("withdraw = %d %s", r.Status, r.Body)
	}
	if r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(alice), map[string]any{
		"decision": "approve", "privileges": map[string]string{"software": "downloads"},
	}); r.Status != http.StatusConflict {
		t.Fatalf("decision after withdrawal = %d %s", r.Status, r.Body)
	}
	// A new request may follow a finished one.
	v2 := nominate(t, w, frank, "300001")
	if v2.ID == v.ID {
		t.Fatal("same request id")
	}
	recordHistory(t, w.Runtime.Temporal, v.WorkflowID, runIDOf(t, w, v.ID), "nomination_withdrawn")
}

// C5 with short timers: remind the approvers, escalate to the Secondary
// Contacts, expire and tell the requester, each email exactly once.
func TestSelfNominationRemindEscalateExpire(t *testing.T) {
	w := startWorld(t, map[string]string{
		"PAO_REQUEST_REMIND_AFTER": "1s", "PAO_REQUEST_ESCALATE_AFTER": "2s", "PAO_REQUEST_EXPIRE_AFTER": "3s",
	}, testenv.Options{})
	v := nominate(t, w, frank, "300001")
	eventually(t, 30*time.Second, func() string {
		if s := requestStatus(t, w, v.ID); s != "expired" {
			return "status " + s
		}
		return ""
	})
	msgs := w.waitMail(t, 4, 20*time.Second)
	time.Sleep(300 * time.Millisecond)
	msgs = w.sink.Messages()
	if len(msgs) != 4 {
		t.Fatalf("emails = %v", subjects(msgs))
	}
	want := []struct {
		to      []string
		subject string
	}{
		{[]string{alice, grace}, "Access request"},
		{[]string{alice, grace}, "Reminder"},
		{[]string{"dave@acme.example.com", grace}, "Escalated"},
		{[]string{frank}, "expired"},
	}
	for i, m := range msgs {
		if !slices.Equal(sortedTo(m), want[i].to) || !strings.Contains(m.Subject, want[i].subject) {
			t.Fatalf("email %d = %v %q, want %v %q", i, sortedTo(m), m.Subject, want[i].to, want[i].subject)
		}
	}
	var flags struct{ Reminded, Escalated bool }
	if err := w.Runtime.DB.Raw("SELECT reminded, escalated FROM access_requests WHERE id = ?", v.ID).Scan(&flags).Error; err != nil {
		t.Fatal(err)
	}
	if !flags.Reminded || !flags.Escalated {
		t.Fatalf("flags = %+v", flags)
	}
	recordHistory(t, w.Runtime.Temporal, v.WorkflowID, runIDOf(t, w, v.ID), "nomination_expired")
}

// D2: a user of the account asks for support access; the STC approves with
// a level; the user then sees the account's cases at that level.
func TestSupportAccessApprovedBySTC(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	const erin, carol = "erin@acme.example.com", "carol@acme.example.com"
	r := w.Do("POST", "/v1/support-access-requests", w.Token(erin), map[string]string{
		"customer_number": "1000001", "name": "Erin", "email": erin, "company": "Acme Corporation",
		"phone": "+15125550101", "reason": "I need to follow the outage cases",
	})
	if r.Status != http.StatusCreated {
		t.Fatalf("support request = %d %s", r.Status, r.Body)
	}
	var v reqView
	r.JSON(t, &v)
	if !strings.HasPrefix(v.WorkflowID, "support-access/1000001/") || strings.Contains(v.WorkflowID, "@") {
		t.Fatalf("workflow id %q", v.WorkflowID)
	}
	if r := w.Do("GET", "/v1/accounts/1000001/cases", w.Token(erin), nil); r.Status != http.StatusNotFound {
		t.Fatalf("cases before approval = %d %s", r.Status, r.Body)
	}
	// A user of the account below administrator cannot decide (403: they
	// have access to the account, B3); someone of another account gets 404.
	if r := w.Do("POST", "/v1/support-access-requests/"+v.ID+"/decision", w.Token("dave@acme.example.com"), map[string]any{
		"decision": "approve", "support_level": "full",
	}); r.Status != http.StatusForbidden {
		t.Fatalf("decision by dave = %d %s", r.Status, r.Body)
	}
	if r := w.Do("POST", "/v1/support-access-requests/"+v.ID+"/decision", w.Token("dewi@nusantara.example.com"), map[string]any{
		"decision": "approve", "support_level": "full",
	}); r.Status != http.StatusNotFound {
		t.Fatalf("decision by another account's STC = %d %s", r.Status, r.Body)
	}
	r = w.Do("POST", "/v1/support-access-requests/"+v.ID+"/decision", w.Token(carol), map[string]any{
		"decision": "approve", "support_level": "full",
	})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"support_level":"full"`) {
		t.Fatalf("approve = %d %s", r.Status, r.Body)
	}
	if r := w.Do("GET", "/v1/accounts/1000001/cases", w.Token(erin), nil); r.Status != http.StatusOK {
		t.Fatalf("cases after approval = %d %s", r.Status, r.Body)
	}
	msgs := w.waitMail(t, 2, 20*time.Second)
	if !slices.Contains(sortedTo(msgs[0]), carol) || !slices.Equal(sortedTo(msgs[1]), []string{erin}) {
		t.Fatalf("emails = %v", subjects(msgs))
	}
	recordHistory(t, w.Runtime.Temporal, v.WorkflowID, runIDOf(t, w, v.ID), "support_access_approved")
}
