package worker_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"

	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
)

// A worker's start creates the renewal-discovery Schedule: every day a
// pass of the discovery workflow on the worker's task queue with the
// configured renewal calendar, a day of lead and the default page size;
// skipped while the previous pass still runs; a day of catch-up, so the
// latest pass missed while the Temporal server was down runs once it is
// back.
func TestEnsureSchedulesCreatesTheDiscoverySchedule(t *testing.T) {
	c := namespaceClient(t)
	if err := worker.EnsureSchedules(context.Background(), c, discoveryConfig()); err != nil {
		t.Fatal(err)
	}
	s := describeDiscovery(t, c).Schedule
	if len(s.Spec.Intervals) != 1 || s.Spec.Intervals[0].Every != 24*time.Hour || s.Spec.Intervals[0].Offset != 0 {
		t.Errorf("intervals = %+v, want every 24h (at midnight UTC)", s.Spec.Intervals)
	}
	if s.Policy.Overlap != enumspb.SCHEDULE_OVERLAP_POLICY_SKIP || s.Policy.CatchupWindow != 24*time.Hour {
		t.Errorf("policy = %+v, want skip with a 24h catch-up window", s.Policy)
	}
	if s.State.Paused {
		t.Error("created paused")
	}
	a, in := discoveryAction(t, s)
	if a.Workflow != discovery.WorkflowName || a.TaskQueue != "pao-q" || a.ID != discovery.ScheduleID || a.WorkflowExecutionTimeout != worker.DiscoveryTimeout {
		t.Fatalf("action = %+v", a)
	}
	want := discovery.Input{Offsets: models.DefaultRenewalOffsets(), Lead: 24 * time.Hour, PageSize: discovery.DefaultPageSize}
	if !reflect.DeepEqual(in, want) {
		t.Fatalf("input = %+v, want %+v", in, want)
	}
}
