package accessrequest_test

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/accessrequest"
)

// TestReplayRecordedHistories replays histories recorded from real runs
// (internal/e2e with PAO_RECORD_HISTORIES=1) against today's workflow code:
// a change to a workflow's command sequence that is not behind
// workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("expected the recorded histories in testdata/, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(accessrequest.Workflow, workflow.RegisterOptions{Name: accessrequest.WorkflowName})
			if err := r.ReplayWorkflowHistoryFromJSONFile(nil, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow registered under the same name with a different command
// sequence does not replay the recorded history.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(func(ctx workflow.Context, in accessrequest.Input) (accessrequest.State, error) {
		return accessrequest.State{}, workflow.Sleep(ctx, 1)
	}, workflow.RegisterOptions{Name: accessrequest.WorkflowName})
	if err := r.ReplayWorkflowHistoryFromJSONFile(nil, filepath.Join("testdata", "nomination_approved.json")); err == nil {
		t.Fatal("a different workflow replayed the recorded history without error")
	}
}
