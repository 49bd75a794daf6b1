package worker_test

import (
	"context"
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
)

// discoveryConfig is a worker's configuration with daily discovery and the
// default renewal calendar.
func discoveryConfig() worker.Schedules {
	return worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute, DiscoveryEvery: 24 * time.Hour, RenewalOffsets: models.DefaultRenewalOffsets()}
}

// describeDiscovery describes the renewal-discovery Schedule.
func describeDiscovery(t *testing.T, c client.Client) *client.ScheduleDescription {
	t.Helper()
	d, err := c.ScheduleClient().GetHandle(context.Background(), discovery.ScheduleID).Describe(context.Background())
	if err != nil {
		t.Fatalf("describe schedule: %v", err)
	}
	return d
}

// discoveryAction is the Schedule's workflow action and its input.
func discoveryAction(t *testing.T, s client.Schedule) (*client.ScheduleWorkflowAction, discovery.Input) {
	t.Helper()
	a, ok := s.Action.(*client.ScheduleWorkflowAction)
	if !ok || len(a.Args) != 1 {
		t.Fatalf("action = %+v", s.Action)
	}
	var in discovery.Input
	if err := converter.GetDefaultDataConverter().FromPayload(a.Args[0].(*commonpb.Payload), &in); err != nil {
		t.Fatal(err)
	}
	return a, in
}
