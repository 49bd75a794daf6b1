package renewal_test

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/renewal"
)

func historyFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("expected the recorded histories in testdata/, found %d", len(files))
	}
	return files
}

// replay replays file against fn registered as the workflow; the
// replayer's own log (a stack trace per non-determinism) is discarded.
func replay(fn any, file string) error {
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(fn, workflow.RegisterOptions{Name: renewal.WorkflowName})
	return r.ReplayWorkflowHistoryFromJSONFile(quietLogger(), file)
}

// TestReplayRecordedHistories replays histories recorded on a real
// Temporal server (TestRenewalsRunToTheEndOnARealServer with
// PAO_RECORD_HISTORIES=1: a renewal ordered online, one that lapsed)
// against today's code: a change to the command sequence that is not
// behind workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	for _, f := range historyFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := replay(renewal.Workflow, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow with another command sequence under the same name does not
// replay the recorded histories.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in renewal.Input) (renewal.State, error) {
		return renewal.State{}, workflow.Sleep(ctx, 1)
	}
	for _, f := range historyFiles(t) {
		if err := replay(fn, f); err == nil {
			t.Fatalf("a different workflow replayed %s without error", f)
		}
	}
}
