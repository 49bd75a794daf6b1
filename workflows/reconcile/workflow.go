// Package reconcile is the request reconciler: a pass, started every few
// minutes by the request-reconciler Schedule, that pages through the
// pending access-request rows and closes (expired, "the process ended
// without a decision", audited as request.close_stale) those whose
// workflow run ended without an outcome, such as a run an operator
// terminated. The access-request workflow owns its row while it runs; once
// its run has ended nobody else would ever close it, and the approvers'
// queues would show a request nobody can decide. Deterministic code only.
package reconcile

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// Activity bounds of one page: a page is a database read, up to
// MaxPageSize Temporal look-ups and a short transaction per closed row.
// A page that still fails after PageAttempts attempts (about five minutes
// of backoff) or PageDeadline (an outage of PostgreSQL or Temporal) fails
// the pass; the Schedule's next pass starts over.
const (
	PageTimeout  = 2 * time.Minute
	PageDeadline = 10 * time.Minute
	PageAttempts = 10
)

// pageRetry retries a page with backoff, a bounded number of times:
// another pass comes in a few minutes anyway.
func pageRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		BackoffCoefficient:     2,
		MaximumInterval:        time.Minute,
		MaximumAttempts:        PageAttempts,
		NonRetryableErrorTypes: policy.Permanent,
	}
}

type reconciler struct {
	in   Input
	done Result
}

// Workflow is the workflow function: one pass over the pending rows.
func Workflow(ctx workflow.Context, in Input) (Result, error) {
	w := &reconciler{in: in, done: in.Done}
	if err := w.setup(); err != nil {
		return w.done, err
	}
	err := w.run(ctx)
	return w.done, err
}

// setup checks the input and applies the defaults.
func (w *reconciler) setup() error {
	if w.in.Grace < 0 {
		return temporal.NewNonRetryableApplicationError("grace must not be negative", policy.ErrInvalidInput, nil)
	}
	if w.in.PageSize < 0 || w.in.PageSize > MaxPageSize {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("page size must be 0 (default) to %d", MaxPageSize), policy.ErrInvalidInput, nil)
	}
	if w.in.Grace == 0 {
		w.in.Grace = DefaultGrace
	}
	if w.in.PageSize == 0 {
		w.in.PageSize = DefaultPageSize
	}
	return nil
}

// run reconciles page after page until the last one, continuing as new
// after PagesPerRun pages (or when Temporal suggests it) with the cursor
// and the counts so far.
func (w *reconciler) run(ctx workflow.Context) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    PageTimeout,
		ScheduleToCloseTimeout: PageDeadline,
		RetryPolicy:            pageRetry(),
	})
	after := w.in.After
	for pages := 0; ; pages++ {
		if pages == PagesPerRun || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
			next := w.in
			next.After, next.Done = after, w.done
			return workflow.NewContinueAsNewError(ctx, WorkflowName, next)
		}
		var page PageResult
		err := workflow.ExecuteActivity(ctx, ActivityReconcileRequests, Page{After: after, Limit: w.in.PageSize, Grace: w.in.Grace}).Get(ctx, &page)
		if err != nil {
			return fmt.Errorf("reconcile the page after %q: %w", after, err)
		}
		w.done.add(page)
		if page.Last {
			if w.done.Closed > 0 || w.done.Failed > 0 {
				workflow.GetLogger(ctx).Info("reconciled pending requests", "checked", w.done.Checked, "closed", w.done.Closed, "failed", w.done.Failed)
			}
			return nil
		}
		if page.Next <= after {
			// A cursor that does not move would loop for ever.
			return temporal.NewNonRetryableApplicationError(fmt.Sprintf("page cursor did not advance past %q", after), policy.ErrInvalidInput, nil)
		}
		after = page.Next
	}
}
