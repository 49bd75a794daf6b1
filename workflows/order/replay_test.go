package order_test

import (
	"testing"

	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/order"
)

// TestReplayRecordedHistories replays histories recorded on a real
// Temporal server (TestOrdersRunToTheEndOnARealServer with
// PAO_RECORD_HISTORIES=1: a card order approved, a purchase order
// confirmed) against today's code: a change to the command sequence that
// is not behind workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	wftest.ReplayAll(t, 2, order.WorkflowName, order.Workflow)
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow with another command sequence under the same name does not
// replay the recorded histories.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in order.Input) (order.State, error) {
		return order.State{}, workflow.Sleep(ctx, 1)
	}
	wftest.MustNotReplay(t, order.WorkflowName, fn, wftest.HistoryFiles(t, 2)...)
}
