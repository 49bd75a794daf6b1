package accessrequest_test

import (
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/internal/wftest"
)

// replay replays file against fn registered as the workflow.
func replay(fn any, file string) error { return wftest.Replay(accessrequest.WorkflowName, fn, file) }

// TestReplayRecordedHistories replays histories recorded from real runs
// (internal/e2e with PAO_RECORD_HISTORIES=1) against today's workflow code:
// a change to a workflow's command sequence that is not behind
// workflow.GetVersion fails here.
func TestReplayRecordedHistories(t *testing.T) {
	wftest.ReplayAll(t, 5, accessrequest.WorkflowName, accessrequest.Workflow)
}

// TestReplayDetectsNonDeterminism proves the replay test can fail: a
// workflow registered under the same name with a different command
// sequence does not replay the recorded history.
func TestReplayDetectsNonDeterminism(t *testing.T) {
	fn := func(ctx workflow.Context, in accessrequest.Input) (accessrequest.State, error) {
		return accessrequest.State{}, workflow.Sleep(ctx, 1)
	}
	wftest.MustNotReplay(t, accessrequest.WorkflowName, fn, filepath.Join("testdata", "nomination_approved.json"))
}

// TestReplayNeedsTheVersionGate proves the workflow-owns-row change had to
// go behind workflow.GetVersion: applied unconditionally, the recorded
// approval (one ApproveRequest instead of GrantRequest + RecordRequest) and
// expiry (notices beside the timers) histories no longer replay.
func TestReplayNeedsTheVersionGate(t *testing.T) {
	for _, name := range []string{"nomination_approved.json", "support_access_approved.json", "nomination_expired.json"} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join("testdata", name)
			if err := replay(accessrequest.Workflow, f); err != nil {
				t.Fatalf("gated workflow: %v", err)
			}
			err := replay(accessrequest.WorkflowWithoutVersionGate, f)
			if err == nil {
				t.Fatal("the ungated change replayed a history recorded before it")
			}
			t.Logf("without the gate: %v", err)
			if !strings.Contains(strings.ToLower(err.Error()), "nondetermin") && !strings.Contains(err.Error(), "TMPRL1100") {
				t.Fatalf("replay failed for another reason than non-determinism: %v", err)
			}
		})
	}
}
