package worker_test

import (
	"context"
	"errors"
	"testing"

	"go.temporal.io/api/serviceerror"

	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
)

// A worker restarting with the same configuration leaves the discovery
// Schedule as it is: nothing is written.
func TestEnsureSchedulesTwiceLeavesTheDiscoveryScheduleAlone(t *testing.T) {
	c := namespaceClient(t)
	cfg := discoveryConfig()
	if err := worker.EnsureSchedules(context.Background(), c, cfg); err != nil {
		t.Fatal(err)
	}
	before := describeDiscovery(t, c).Info.LastUpdateAt
	if err := worker.EnsureSchedules(context.Background(), c, cfg); err != nil {
		t.Fatalf("second ensure: %v", err)
	}
	if after := describeDiscovery(t, c).Info.LastUpdateAt; !after.Equal(before) {
		t.Fatalf("the Schedule was rewritten: last update %v, then %v", before, after)
	}
}

// Without a discovery interval (a configuration of the reconciler alone)
// no discovery Schedule is created.
func TestEnsureSchedulesWithoutAnIntervalCreatesNoDiscovery(t *testing.T) {
	c := namespaceClient(t)
	cfg := discoveryConfig()
	cfg.DiscoveryEvery = 0
	if err := worker.EnsureSchedules(context.Background(), c, cfg); err != nil {
		t.Fatal(err)
	}
	_, err := c.ScheduleClient().GetHandle(context.Background(), discovery.ScheduleID).Describe(context.Background())
	var notFound *serviceerror.NotFound
	if !errors.As(err, &notFound) {
		t.Fatalf("describe = %v, want no discovery Schedule", err)
	}
}
