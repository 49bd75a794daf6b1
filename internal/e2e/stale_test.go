package e2e_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestTerminatedRequestDoesNotBlockTheUser: an operator terminates a
// waiting nomination in Temporal; its row is still pending, but the user
// can submit a new request, and the old one is closed with an audit row.
func TestTerminatedRequestDoesNotBlockTheUser(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	v := nominate(t, w, frank, "300001")
	if err := w.Runtime.Temporal.TerminateWorkflow(context.Background(), v.WorkflowID, "", "operator cleanup"); err != nil {
		t.Fatal(err)
	}
	if r := w.Do("POST", "/v1/nominations/"+v.ID+"/decision", w.Token(alice), map[string]any{
		"decision": "approve", "privileges": map[string]string{"software": "downloads"},
	}); r.Status != http.StatusConflict {
		t.Fatalf("decision on a terminated request = %d %s", r.Status, r.Body)
	}
	v2 := nominate(t, w, frank, "300001")
	if v2.ID == v.ID {
		t.Fatal("same request")
	}
	if s := requestStatus(t, w, v.ID); s != "expired" {
		t.Fatalf("old request status = %s", s)
	}
	if reason := requestColumn(t, w, v.ID, "decision_reason"); reason != "the process ended without a decision" {
		t.Fatalf("reason = %q", reason)
	}
	// The new run closed the old row (the workflow owns its rows), with an audit row.
	var audits int64
	if err := w.Runtime.DB.Raw("SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.close_stale'", v.ID).Scan(&audits).Error; err != nil {
		t.Fatal(err)
	}
	if audits != 1 {
		t.Fatalf("%d close_stale audit rows", audits)
	}
	eventually(t, 10*time.Second, func() string {
		if s := requestStatus(t, w, v2.ID); s != "pending" {
			return "new request " + s
		}
		return ""
	})
}
