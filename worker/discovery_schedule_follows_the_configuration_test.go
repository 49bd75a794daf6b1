package worker_test

import (
	"context"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
)

// A worker started with another renewal calendar or interval (development
// offsets of minutes) updates the discovery Schedule's input, interval and
// catch-up window, and keeps an operator's pause.
func TestEnsureSchedulesUpdatesTheDiscoverySchedule(t *testing.T) {
	c := namespaceClient(t)
	ctx := context.Background()
	if err := worker.EnsureSchedules(ctx, c, discoveryConfig()); err != nil {
		t.Fatal(err)
	}
	if err := c.ScheduleClient().GetHandle(ctx, discovery.ScheduleID).Pause(ctx, client.SchedulePauseOptions{Note: "operator: data migration"}); err != nil {
		t.Fatal(err)
	}
	cfg := discoveryConfig()
	cfg.DiscoveryEvery = 30 * time.Second
	cfg.RenewalOffsets.Verification, cfg.RenewalOffsets.Quote, cfg.RenewalOffsets.Reminders = 10*time.Minute, 8*time.Minute, []time.Duration{time.Minute}
	if err := worker.EnsureSchedules(ctx, c, cfg); err != nil {
		t.Fatalf("ensure with a new configuration: %v", err)
	}
	s := describeDiscovery(t, c).Schedule
	if len(s.Spec.Intervals) != 1 || s.Spec.Intervals[0].Every != 30*time.Second {
		t.Errorf("intervals = %+v, want every 30s", s.Spec.Intervals)
	}
	if s.Policy.CatchupWindow != worker.MinDiscoveryCatchupWindow {
		t.Errorf("catch-up window = %s, want the minimum %s", s.Policy.CatchupWindow, worker.MinDiscoveryCatchupWindow)
	}
	if _, in := discoveryAction(t, s); in.Offsets.Verification != 10*time.Minute || in.Lead != 30*time.Second || len(in.Offsets.Reminders) != 1 {
		t.Errorf("input = %+v, want the new calendar and a 30s lead", in)
	}
	if !s.State.Paused || s.State.Note != "operator: data migration" {
		t.Errorf("state = %+v, want the operator's pause kept", s.State)
	}
}
