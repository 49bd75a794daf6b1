package worker_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pao/pao/worker"
)

// A worker restarting with the same configuration leaves the Schedule as
// it is: nothing is written.
func TestEnsureSchedulesTwiceChangesNothing(t *testing.T) {
	c := namespaceClient(t)
	cfg := worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute}
	if err := worker.EnsureSchedules(context.Background(), c, cfg); err != nil {
		t.Fatal(err)
	}
	before := describeReconciler(t, c).Info.LastUpdateAt
	if err := worker.EnsureSchedules(context.Background(), c, cfg); err != nil {
		t.Fatalf("second ensure: %v", err)
	}
	if after := describeReconciler(t, c).Info.LastUpdateAt; !after.Equal(before) {
		t.Fatalf("the Schedule was rewritten: last update %v, then %v", before, after)
	}
}

// Workers starting together in one namespace do not fight: every one
// succeeds, and they leave one Schedule as configured.
func TestWorkersStartingTogetherAgree(t *testing.T) {
	c := namespaceClient(t)
	cfg := worker.Schedules{TaskQueue: "pao-q", ReconcileEvery: 5 * time.Minute}
	const workers = 8
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { errs <- worker.EnsureSchedules(context.Background(), c, cfg) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("ensure: %v", err)
		}
	}
	if got := describeReconciler(t, c).Schedule.Spec.Intervals; len(got) != 1 || got[0].Every != 5*time.Minute {
		t.Fatalf("intervals = %+v", got)
	}
}
