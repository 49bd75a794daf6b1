package renewal_test

import (
	"testing"

	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/renewal"
)

// TestReplayRecordedHistories replays histories recorded on a real
// Temporal server (TestRenewalsRunToTheEndOnARealServer with
// PAO_RECORD_HISTORIES=1: a renewal ordered online, one that lapsed)
// against today's code: a change to the command sequence that is not
// behind workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	wftest.ReplayAll(t, 2, renewal.WorkflowName, renewal.Workflow)
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow with another command sequence under the same name does not
// replay the recorded histories.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in renewal.Input) (renewal.State, error) {
		return renewal.State{}, workflow.Sleep(ctx, 1)
	}
	wftest.MustNotReplay(t, renewal.WorkflowName, fn, wftest.HistoryFiles(t, 2)...)
}
