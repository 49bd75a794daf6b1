package quote_test

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/quote"
)

// TestReplayRecordedHistories replays histories recorded from the
// end-to-end runs (internal/e2e with PAO_RECORD_HISTORIES=1: a quote
// issued, changed, revised and cancelled; a change declined; a request
// declined) against today's code: a change to the command sequence that is
// not behind workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	wftest.ReplayAll(t, 3, quote.WorkflowName, quote.Workflow)
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow with another command sequence under the same name does not
// replay the recorded history.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in quote.Input) (quote.State, error) {
		return quote.State{}, workflow.Sleep(ctx, 1)
	}
	wftest.MustNotReplay(t, quote.WorkflowName, fn, filepath.Join("testdata", "sales_revised_then_cancelled.json"))
}
