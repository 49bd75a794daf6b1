package quote_test

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/quote"
)

func historyFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("expected the recorded histories in testdata/, found %d", len(files))
	}
	return files
}

func replay(fn any, file string) error {
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(fn, workflow.RegisterOptions{Name: quote.WorkflowName})
	return r.ReplayWorkflowHistoryFromJSONFile(quietLogger(), file)
}

// TestReplayRecordedHistories replays histories recorded from the
// end-to-end runs (internal/e2e with PAO_RECORD_HISTORIES=1: a quote
// issued, changed, revised and cancelled; a change declined; a request
// declined) against today's code: a change to the command sequence that is
// not behind workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	for _, f := range historyFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := replay(quote.Workflow, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow with another command sequence under the same name does not
// replay the recorded history.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in quote.Input) (quote.State, error) {
		return quote.State{}, workflow.Sleep(ctx, 1)
	}
	if err := replay(fn, filepath.Join("testdata", "sales_revised_then_cancelled.json")); err == nil {
		t.Fatal("a different workflow replayed the recorded history without error")
	}
}
