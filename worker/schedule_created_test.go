package worker_test

import (
	"context"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/reconcile"
)

// A worker's start creates the request-reconciler Schedule: every interval
// a pass with the default grace and page size on the worker's task queue,
// skipped while the previous pass still runs, caught up for a minute.
func TestEnsureSchedulesCreatesTheReconcilerSchedule(t *testing.T) {
	c := namespaceClient(t)
	if err := worker.EnsureSchedules(context.Background(), c, worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	d := describeReconciler(t, c)
	s := d.Schedule
	if len(s.Spec.Intervals) != 1 || s.Spec.Intervals[0].Every != 5*time.Minute {
		t.Errorf("intervals = %+v, want every 5m", s.Spec.Intervals)
	}
	if s.Policy.Overlap != enumspb.SCHEDULE_OVERLAP_POLICY_SKIP || s.Policy.CatchupWindow != worker.ReconcilerCatchupWindow {
		t.Errorf("policy = %+v, want skip with a %s catch-up window", s.Policy, worker.ReconcilerCatchupWindow)
	}
	if s.State.Paused {
		t.Error("created paused")
	}
	a, ok := s.Action.(*client.ScheduleWorkflowAction)
	if !ok || a.Workflow != reconcile.WorkflowName || a.TaskQueue != "pao-q" || a.ID != reconcile.ScheduleID || a.WorkflowExecutionTimeout != worker.ReconcilerTimeout {
		t.Fatalf("action = %+v", s.Action)
	}
	var in reconcile.Input
	if len(a.Args) != 1 {
		t.Fatalf("args = %v", a.Args)
	}
	if err := converter.GetDefaultDataConverter().FromPayload(a.Args[0].(*commonpb.Payload), &in); err != nil {
		t.Fatal(err)
	}
	if in != (reconcile.Input{Grace: reconcile.DefaultGrace, PageSize: reconcile.DefaultPageSize}) {
		t.Fatalf("input = %+v", in)
	}
}
