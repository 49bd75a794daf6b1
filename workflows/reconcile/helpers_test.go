package reconcile_test

// The harness of the reconciler's workflow tests: the workflow runs in the
// SDK's test environment with time skipping; the real activities are
// registered through worker.Register and the page activity is replaced by
// name with a fake, so a test fails (OnActivity panics) if the workflow
// calls an activity the worker does not register.

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/reconcile"
)

// attempt is one call of the page activity.
type attempt struct {
	Page    reconcile.Page
	Attempt int32
	At      time.Time // the environment's (skipped) clock
}

// pages fakes the page activity: answer decides each attempt's result.
type pages struct {
	mu       sync.Mutex
	attempts []attempt
	now      func() time.Time
	answer   func(a attempt) (reconcile.PageResult, error)
}

func (p *pages) ReconcileRequests(ctx context.Context, pg reconcile.Page) (reconcile.PageResult, error) {
	a := attempt{Page: pg, Attempt: activity.GetInfo(ctx).Attempt, At: p.now()}
	p.mu.Lock()
	p.attempts = append(p.attempts, a)
	p.mu.Unlock()
	return p.answer(a)
}

func (p *pages) all() []attempt {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]attempt(nil), p.attempts...)
}

type harness struct {
	env   *testsuite.TestWorkflowEnvironment
	pages *pages
}

func newHarness(t *testing.T, answer func(a attempt) (reconcile.PageResult, error)) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	h := &harness{env: s.NewTestWorkflowEnvironment()}
	h.pages = &pages{now: h.env.Now, answer: answer}
	worker.Register(h.env, activities.Deps{})
	h.env.OnActivity(reconcile.ActivityReconcileRequests, mock.Anything, mock.Anything).Return(h.pages.ReconcileRequests)
	return h
}

// run runs a pass to its end and returns its result and error.
func (h *harness) run(t *testing.T, in reconcile.Input) (reconcile.Result, error) {
	t.Helper()
	h.env.ExecuteWorkflow(reconcile.WorkflowName, in)
	if !h.env.IsWorkflowCompleted() {
		t.Fatal("the pass did not complete")
	}
	err := h.env.GetWorkflowError()
	var res reconcile.Result
	if err == nil {
		if derr := h.env.GetWorkflowResult(&res); derr != nil {
			t.Fatalf("decode result: %v", derr)
		}
	}
	return res, err
}

var errOutage = errors.New("transient: database unavailable")

// errorTypes lists the types of the application errors in err's chain.
func errorTypes(err error) []string {
	var out []string
	for ; err != nil; err = errors.Unwrap(err) {
		if app, ok := err.(*temporal.ApplicationError); ok {
			out = append(out, app.Type())
		}
	}
	return out
}
