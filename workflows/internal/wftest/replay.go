package wftest

import (
	"fmt"
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
)

// HistoryFiles lists the recorded histories, testdata/*.json, and fails the
// test with fewer than least.
func HistoryFiles(t *testing.T, least int) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < least {
		t.Fatalf("expected the recorded histories in testdata/, found %d", len(files))
	}
	return files
}

// Replay replays file against fn registered as the workflow name, with
// the payload codec of the built-in development key (the workers'; a
// history from before encryption passes through it); the replayer's own
// log (a stack trace per non-determinism) is discarded.
func Replay(name string, fn any, file string) error {
	codec, err := temporalx.NewCodecFrom(temporalx.DevKeys)
	if err != nil {
		return err
	}
	return ReplayWith(codec, name, fn, file)
}

// ReplayWith is Replay with the payload codec codec.
func ReplayWith(codec *temporalx.Codec, name string, fn any, file string) error {
	r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{
		DataConverter: codec.DataConverter(), FailureConverter: codec.FailureConverter(),
	})
	if err != nil {
		return fmt.Errorf("replayer: %w", err)
	}
	r.RegisterWorkflowWithOptions(fn, workflow.RegisterOptions{Name: name})
	return r.ReplayWorkflowHistoryFromJSONFile(QuietLogger(), file)
}

// ReplayAll replays every recorded history (at least least of them), one
// subtest each, against fn registered as the workflow name.
func ReplayAll(t *testing.T, least int, name string, fn any) {
	t.Helper()
	for _, f := range HistoryFiles(t, least) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if err := Replay(name, fn, f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}

// MustNotReplay fails the test if fn, registered as the workflow name
// (another command sequence than the workflow's), replays any of files
// without error: the replay test can fail.
func MustNotReplay(t *testing.T, name string, fn any, files ...string) {
	t.Helper()
	for _, f := range files {
		if err := Replay(name, fn, f); err == nil {
			t.Fatalf("a different workflow replayed %s without error", f)
		}
	}
}
