package e2e_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/reconcile"
)

// TestReconcilerClearsTerminatedRequestsFromTheApproversQueue: an operator
// terminates a waiting nomination in Temporal UI; its row stays pending,
// in the approver's queue, until a pass of the request-reconciler Schedule
// (which the worker created when it started, triggered here instead of
// waiting five minutes) closes it as expired. A live nomination checked by
// the same pass stays in the queue.
func TestReconcilerClearsTerminatedRequestsFromTheApproversQueue(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{})
	dead := nominate(t, w, frank, "300001")
	live := nominate(t, w, "olga@newcomer.example.com", "300001")
	if err := w.Runtime.Temporal.TerminateWorkflow(context.Background(), dead.WorkflowID, "", "operator cleanup"); err != nil {
		t.Fatal(err)
	}
	if q := approverQueue(t, w, "pending"); q[dead.ID] != "pending" || q[live.ID] != "pending" {
		t.Fatalf("pending queue before the pass = %v, want both requests", q)
	}
	// Both requests have been quiet for longer than the pass's grace
	// period: moved back in time rather than waited for.
	quiet := fmt.Sprintf("%d seconds", int((reconcile.DefaultGrace + time.Minute).Seconds()))
	if err := w.Runtime.DB.Exec("UPDATE access_requests SET updated_at = updated_at - ?::interval WHERE id IN (?, ?)", quiet, dead.ID, live.ID).Error; err != nil {
		t.Fatal(err)
	}

	res := triggerReconciler(t, w)
	if res.Checked != 2 || res.Closed != 1 || res.Failed != 0 {
		t.Fatalf("pass = %+v, want 2 checked and 1 closed", res)
	}
	q := approverQueue(t, w, "pending")
	if _, ok := q[dead.ID]; ok {
		t.Fatalf("the terminated nomination is still in the approver's pending queue: %v", q)
	}
	if q[live.ID] != "pending" {
		t.Fatalf("the live nomination left the approver's pending queue: %v", q)
	}
	if all := approverQueue(t, w, ""); all[dead.ID] != "expired" {
		t.Fatalf("approver's list = %v, want the terminated nomination expired", all)
	}
	if reason := requestColumn(t, w, dead.ID, "decision_reason"); reason != "the process ended without a decision" {
		t.Fatalf("reason = %q", reason)
	}
	var audits int64
	if err := w.Runtime.DB.Raw("SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.close_stale' AND actor = 'system'", dead.ID).Scan(&audits).Error; err != nil {
		t.Fatal(err)
	}
	if audits != 1 {
		t.Fatalf("%d close_stale audit rows", audits)
	}
	// The live request can still be decided.
	if r := w.Do("POST", "/v1/nominations/"+live.ID+"/decision", w.Token(alice), map[string]any{
		"decision": "reject", "reason": "Not on the platform team",
	}); r.Status != http.StatusOK {
		t.Fatalf("decision on the live request = %d %s", r.Status, r.Body)
	}
}

// approverQueue is alice's (Primary of 300001) nomination queue, filtered
// by status unless it is empty: request id → status.
func approverQueue(t *testing.T, w world, status string) map[string]string {
	t.Helper()
	path := "/v1/nominations?as=approver"
	if status != "" {
		path += "&status=" + status
	}
	r := w.Do("GET", path, w.Token(alice), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
	}
	var body struct{ Requests []reqView }
	r.JSON(t, &body)
	out := map[string]string{}
	for _, v := range body.Requests {
		out[v.ID] = v.Status
	}
	return out
}

// triggerReconciler waits for the worker to have created the
// request-reconciler Schedule, triggers one pass and returns its result.
func triggerReconciler(t *testing.T, w world) reconcile.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := w.Runtime.Temporal
	h := c.ScheduleClient().GetHandle(ctx, reconcile.ScheduleID)
	for {
		_, err := h.Describe(ctx)
		var notFound *serviceerror.NotFound
		if errors.As(err, &notFound) && ctx.Err() == nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatalf("describe the schedule: %v", err)
		}
		break
	}
	triggered := time.Now()
	if err := h.Trigger(ctx, client.ScheduleTriggerOptions{Overlap: enumspb.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL}); err != nil {
		t.Fatalf("trigger the schedule: %v", err)
	}
	var started *client.ScheduleWorkflowExecution
	for started == nil {
		d, err := h.Describe(ctx)
		if err != nil {
			t.Fatalf("describe the schedule: %v", err)
		}
		for _, a := range d.Info.RecentActions {
			if !a.ActualTime.Before(triggered.Add(-time.Second)) && a.StartWorkflowResult != nil {
				started = a.StartWorkflowResult
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	var res reconcile.Result
	if err := c.GetWorkflow(ctx, started.WorkflowID, started.FirstExecutionRunID).Get(ctx, &res); err != nil {
		t.Fatalf("the pass %s: %v", started.WorkflowID, err)
	}
	return res
}
