// Package devserver runs a workflow package's tests on the real Temporal
// dev server the tests share (internal/testenv): a namespace and a task
// queue of its own, updates and results through a client, and the
// recording of a run's history as a replay fixture. It is apart from
// wftest so that tests without a server do not build the app.
package devserver

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/internal/wftest"
)

// Server is a namespace of its own on the test Temporal dev server, a
// client of it and a worker on a task queue of its own (register the
// workflows on Worker, then StartWorker).
type Server struct {
	t         *testing.T
	Client    client.Client
	TaskQueue string
	Worker    worker.Worker
}

// New dials a fresh namespace of the test Temporal dev server.
func New(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: addr, Namespace: ns, Logger: wftest.QuietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	s := &Server{t: t, Client: c, TaskQueue: "pao-test-" + uuid.NewString()[:8]}
	s.Worker = worker.New(c, s.TaskQueue, worker.Options{})
	return s
}

// StartWorker registers the fake activities under the activities' names
// and starts the worker (stopped when the test ends).
func (s *Server) StartWorker(activities map[string]any) {
	s.t.Helper()
	for name, fn := range activities {
		s.Worker.RegisterActivityWithOptions(fn, activity.RegisterOptions{Name: name})
	}
	if err := s.Worker.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(s.Worker.Stop)
}

// Update sends an update to the workflow and waits for its answer.
func Update[S any](s *Server, workflowID, name string, arg any) S {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h, err := s.Client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: workflowID, UpdateName: name,
		Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
	var st S
	if err := h.Get(ctx, &st); err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
	return st
}

// Await waits up to timeout for the workflow and returns its result and
// run ID.
func Await[S any](s *Server, workflowID string, timeout time.Duration) (S, string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	run := s.Client.GetWorkflow(ctx, workflowID, "")
	var st S
	if err := run.Get(ctx, &st); err != nil {
		s.t.Fatalf("%s: %v", workflowID, err)
	}
	return st, run.GetRunID()
}

// Record writes the run's history to testdata/<name>.json of the package
// under test when PAO_RECORD_HISTORIES is set (how the replay fixtures
// are made).
func (s *Server) Record(workflowID, runID, name string) {
	s.t.Helper()
	if os.Getenv("PAO_RECORD_HISTORIES") == "" {
		return
	}
	iter := s.Client.GetWorkflowHistory(context.Background(), workflowID, runID, false, 0)
	h := &historypb.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			s.t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
	if err != nil {
		s.t.Fatal(err)
	}
	p, err := filepath.Abs(filepath.Join("testdata", name+".json"))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(p), 0o755)
	}
	if err == nil {
		err = os.WriteFile(p, b, 0o644)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("recorded %s", p)
}
