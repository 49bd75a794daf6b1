package activities

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"golang.org/x/sync/errgroup"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/renewal"
)

// Discovery is the activities of renewal discovery (SPEC F1): it reads the
// coverage due and starts the renewals. Starting needs the worker's
// Temporal client and task queue (Deps.Temporal, Deps.TaskQueue).
type Discovery struct{ Deps }

// starts bounds the workflow starts of one page in flight at a time.
const starts = 8

// DueRenewalsSQL reads one page of discovery: the distinct (end date,
// site) of coverage ending in [@from, @to] after the cursor (@after_date,
// @after_site) in that order, without a renewals row for (site, end date),
// the first @limit of them, with the site's and customer's ids and
// numbers. The coverage is read by an index range on coverages_end_site_idx
// (end_date, site_id): the row comparison and the upper bound are its
// Index Cond and the order is the index's, so the read stops after @limit
// pairs and its cost follows the coverage due, never the table (test:
// discovery_plan_is_an_index_range_test.go). The renewals row is probed by
// its unique (site_id, due_date) index.
const DueRenewalsSQL = `WITH due AS (
	SELECT DISTINCT v.end_date, v.site_id
	FROM coverages v
	WHERE v.end_date >= @from AND v.end_date <= @to
	  AND (v.end_date, v.site_id) > (CAST(@after_date AS date), CAST(@after_site AS bigint))
	  AND NOT EXISTS (SELECT 1 FROM renewals r WHERE r.site_id = v.site_id AND r.due_date = v.end_date)
	ORDER BY v.end_date, v.site_id
	LIMIT @limit
)
SELECT s.id AS site_id, s.site_number, c.id AS customer_id, c.customer_number, due.end_date AS due_date
FROM due
JOIN sites s ON s.id = due.site_id
JOIN customers c ON c.id = s.customer_id
ORDER BY due.end_date, due.site_id`

// DueRenewalsArgs are the named arguments of DueRenewalsSQL for p (a nil
// cursor starts at p.From).
func DueRenewalsArgs(p discovery.Page) map[string]any {
	after := discovery.Cursor{EndDate: p.From, SiteID: 0}
	if p.After != nil {
		after = *p.After
	}
	day := func(t time.Time) string { return t.UTC().Format(discovery.DateLayout) }
	return map[string]any{
		"from": day(p.From), "to": day(p.To), "after_date": day(after.EndDate), "after_site": after.SiteID, "limit": p.Limit,
	}
}

// FindDueRenewals reads one page of the renewals to start: the (site, due
// date) pairs of DueRenewalsSQL. Last is true when the page is not full.
func (d *Discovery) FindDueRenewals(ctx context.Context, p discovery.Page) (discovery.PageResult, error) {
	if p.Limit <= 0 || p.Limit > discovery.MaxPageSize {
		return discovery.PageResult{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("page limit must be 1 to %d", discovery.MaxPageSize), policy.ErrInvalidInput, nil)
	}
	if p.To.Before(p.From) {
		return discovery.PageResult{}, temporal.NewNonRetryableApplicationError("the window ends before it starts", policy.ErrInvalidInput, nil)
	}
	var rows []discovery.Due
	if err := d.DB.WithContext(ctx).Raw(DueRenewalsSQL, DueRenewalsArgs(p)).Scan(&rows).Error; err != nil {
		return discovery.PageResult{}, classify("read the renewals due", err)
	}
	for i := range rows {
		rows[i].DueDate = rows[i].DueDate.UTC()
	}
	return discovery.PageResult{Due: rows, Last: len(rows) < p.Limit}, nil
}

// StartRenewals starts renewal/<site>/<due date> for each of s.Due on the
// worker's task queue, with the calendar s.Offsets, as a new process: the
// conflict policy FAIL and the reuse policy REJECT_DUPLICATE make a
// renewal that already runs, or ran, a WorkflowExecutionAlreadyStarted,
// which is counted as skipped (so a page retried after a partial failure
// starts nothing twice). Any other refusal fails the page, to be retried.
func (d *Discovery) StartRenewals(ctx context.Context, s discovery.Starts) (discovery.StartResult, error) {
	if d.Temporal == nil || d.TaskQueue == "" {
		return discovery.StartResult{}, temporal.NewNonRetryableApplicationError("discovery has no Temporal client or task queue", policy.ErrInvalidInput, nil)
	}
	if s.Offsets.Verification <= 0 {
		return discovery.StartResult{}, temporal.NewNonRetryableApplicationError("the verification offset must be positive", policy.ErrInvalidInput, nil)
	}
	started := make([]bool, len(s.Due))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(starts)
	for i, due := range s.Due {
		g.Go(func() error {
			var err error
			started[i], err = d.start(gctx, due, s.Offsets)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return discovery.StartResult{}, err
	}
	var out discovery.StartResult
	for _, ok := range started {
		if ok {
			out.Started++
		} else {
			out.Skipped++
		}
	}
	return out, nil
}

// start starts one renewal; false when it was started before.
func (d *Discovery) start(ctx context.Context, due discovery.Due, offsets models.RenewalOffsets) (bool, error) {
	in := renewal.Input{
		SiteID: due.SiteID, SiteNumber: due.SiteNumber, CustomerID: due.CustomerID, CustomerNumber: due.CustomerNumber,
		DueDate: due.DueDate.UTC(), Offsets: offsets,
	}
	opts := client.StartWorkflowOptions{
		ID:                                       renewal.WorkflowID(due.SiteNumber, due.DueDate),
		TaskQueue:                                d.TaskQueue,
		WorkflowIDConflictPolicy:                 enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.SiteNumber.ValueSet(due.SiteNumber),
			temporalx.CustomerNumber.ValueSet(due.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.RenewalScheduled)),
		),
	}
	_, err := d.Temporal.ExecuteWorkflow(ctx, opts, renewal.WorkflowName, in)
	var dup *serviceerror.WorkflowExecutionAlreadyStarted
	switch {
	case errors.As(err, &dup):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("start %s: %w", opts.ID, err)
	}
	return true, nil
}
