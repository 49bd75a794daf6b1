package worker_test

import (
	"context"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/reconcile"
)

// A worker started with another interval or task queue updates the
// existing Schedule, and keeps an operator's pause.
func TestEnsureSchedulesUpdatesTheScheduleAndKeepsAPause(t *testing.T) {
	c := namespaceClient(t)
	ctx := context.Background()
	if err := worker.EnsureSchedules(ctx, c, worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	if err := c.ScheduleClient().GetHandle(ctx, reconcile.ScheduleID).Pause(ctx, client.SchedulePauseOptions{Note: "operator: maintenance"}); err != nil {
		t.Fatal(err)
	}
	if err := worker.EnsureSchedules(ctx, c, worker.Schedules{TaskQueue: "pao-other", ReconcileEvery: 10 * time.Minute}); err != nil {
		t.Fatalf("ensure with a new configuration: %v", err)
	}
	s := describeReconciler(t, c).Schedule
	if len(s.Spec.Intervals) != 1 || s.Spec.Intervals[0].Every != 10*time.Minute {
		t.Errorf("intervals = %+v, want every 10m", s.Spec.Intervals)
	}
	if a := s.Action.(*client.ScheduleWorkflowAction); a.TaskQueue != "pao-other" {
		t.Errorf("task queue = %q", a.TaskQueue)
	}
	if !s.State.Paused || s.State.Note != "operator: maintenance" {
		t.Errorf("state = %+v, want the operator's pause kept", s.State)
	}
}
