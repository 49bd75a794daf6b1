package activities

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/reconcile"
)

// Reconciler is the activity of the request reconciler: it closes the
// pending request rows whose workflow run has ended without an outcome. It
// needs the database and the worker's Temporal client (Deps.Temporal).
type Reconciler struct{ Deps }

// lookups bounds the Temporal look-ups of one page in flight at a time.
const lookups = 8

// pendingRow is what a page reads of a pending request.
type pendingRow struct {
	ID         uuid.UUID
	WorkflowID string
	RunID      string
}

// ReconcileRequests reconciles one page: up to p.Limit pending rows not
// updated for p.Grace, in workflow ID order after p.After (the pending rows
// are unique per workflow ID: index access_requests_one_pending, which
// also serves this read). For each, Temporal is asked about the row's run;
// a row whose run is no longer running, and whose workflow ID has no other
// run running, is closed exactly as the next run's RecordRequest would
// close it (Requests.closeStale: expired, "the process ended without a
// decision", a request.close_stale audit row by "system"). A row whose run
// still runs, that reached an outcome, or that moved to another run is
// never touched; a second pass finds nothing left to do.
func (r *Reconciler) ReconcileRequests(ctx context.Context, p reconcile.Page) (reconcile.PageResult, error) {
	if r.Temporal == nil {
		return reconcile.PageResult{}, temporal.NewNonRetryableApplicationError("the reconciler has no Temporal client", policy.ErrInvalidInput, nil)
	}
	if p.Limit <= 0 || p.Limit > reconcile.MaxPageSize || p.Grace < 0 {
		return reconcile.PageResult{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("page limit must be 1 to %d and grace not negative", reconcile.MaxPageSize), policy.ErrInvalidInput, nil)
	}
	var rows []pendingRow
	err := r.DB.WithContext(ctx).Raw(`SELECT id, workflow_id, run_id FROM access_requests
		WHERE status = ? AND updated_at < ? AND workflow_id > ? ORDER BY workflow_id LIMIT ?`,
		models.StatusPending, r.now().Add(-p.Grace), p.After, p.Limit).Scan(&rows).Error
	if err != nil {
		return reconcile.PageResult{}, classify("read pending requests", err)
	}
	out := reconcile.PageResult{Checked: len(rows), Last: len(rows) < p.Limit}
	if len(rows) > 0 {
		out.Next = rows[len(rows)-1].WorkflowID
	}
	closed := make([]bool, len(rows))
	failed := make([]bool, len(rows))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(lookups)
	for i, row := range rows {
		g.Go(func() error {
			var err error
			closed[i], failed[i], err = r.reconcileRow(gctx, row)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return reconcile.PageResult{}, err
	}
	for i := range rows {
		if closed[i] {
			out.Closed++
		}
		if failed[i] {
			out.Failed++
		}
	}
	return out, nil
}

// reconcileRow closes row if its run has ended. failed reports a row
// Temporal refuses to look up (logged, left for a later pass).
func (r *Reconciler) reconcileRow(ctx context.Context, row pendingRow) (closed, failed bool, err error) {
	run, err := r.endedRun(ctx, row)
	var invalid *serviceerror.InvalidArgument
	switch {
	case errors.As(err, &invalid):
		activity.GetLogger(ctx).Warn("cannot look up the run of a pending request",
			"request_id", row.ID.String(), "workflow_id", row.WorkflowID, "run_id", row.RunID, "error", err)
		return false, true, nil
	case err != nil:
		return false, false, err
	case run == nil:
		return false, false, nil
	}
	if closed, err = r.closeRow(ctx, row); err != nil {
		return false, false, classify("close the request of an ended run", err)
	}
	if closed {
		activity.GetLogger(ctx).Info("closed the pending request of an ended run",
			"request_id", row.ID.String(), "workflow_id", row.WorkflowID, "run_id", row.RunID, "run", run.String())
	}
	return closed, false, nil
}

// runState is what Temporal says about a run.
type runState struct {
	status enumspb.WorkflowExecutionStatus
	gone   bool // not found: it ended and its retention passed
}

// over reports a run that will never write again. A status this code does
// not know counts as alive: when in doubt, a row is left alone.
func (s runState) over() bool {
	switch s.status {
	case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED, enumspb.WORKFLOW_EXECUTION_STATUS_FAILED,
		enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED, enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED,
		enumspb.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW, enumspb.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
		return true
	}
	return s.gone
}

func (s runState) String() string {
	if s.gone {
		return "not found"
	}
	return s.status.String()
}

// endedRun returns the state of row's run when it has ended and no run of
// row's workflow ID runs now; nil when the row must be left alone. A run
// of the same workflow ID running now is either this request's (after a
// reset, or continued as new; it writes the row when it next moves) or a
// newer request's, whose first write closes this row itself.
func (r *Reconciler) endedRun(ctx context.Context, row pendingRow) (*runState, error) {
	run, err := r.describe(ctx, row.WorkflowID, row.RunID)
	if err != nil || !run.over() {
		return nil, err
	}
	if row.RunID != "" {
		latest, err := r.describe(ctx, row.WorkflowID, "")
		if err != nil || !latest.over() {
			return nil, err
		}
	}
	return &run, nil
}

// describe asks Temporal about a run (the latest run when runID is empty).
func (r *Reconciler) describe(ctx context.Context, workflowID, runID string) (runState, error) {
	resp, err := r.Temporal.DescribeWorkflowExecution(ctx, workflowID, runID)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return runState{gone: true}, nil
	}
	if err != nil {
		return runState{}, fmt.Errorf("describe workflow %s run %q: %w", workflowID, runID, err)
	}
	return runState{status: resp.GetWorkflowExecutionInfo().GetStatus()}, nil
}

// closeRow closes row, in one transaction, if it is still pending and
// still belongs to the run that was looked up; it reports whether it did.
// It locks the row first and then runs Requests.closeStale on the row's
// workflow ID with no row to keep: at most one row per workflow ID is
// pending (access_requests_one_pending), and while the lock is held no
// other can become pending (a new run's first write must close this one
// first, and waits), so closeStale closes exactly this row.
func (r *Reconciler) closeRow(ctx context.Context, row pendingRow) (bool, error) {
	closed := false
	err := r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var locked []uuid.UUID
		if err := tx.Raw(`SELECT id FROM access_requests WHERE id = ? AND run_id = ? AND status = ? FOR UPDATE`,
			row.ID, row.RunID, models.StatusPending).Scan(&locked).Error; err != nil {
			return fmt.Errorf("lock request row: %w", err)
		}
		if len(locked) == 0 {
			return nil // decided, closed or moved to another run meanwhile
		}
		if err := (&Requests{Deps: r.Deps}).closeStale(tx, row.WorkflowID, uuid.Nil); err != nil {
			return err
		}
		closed = true
		return nil
	})
	return closed, err
}
