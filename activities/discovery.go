package activities

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
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

// DueRenewalsSQL reads the next pairs of discovery's walk: the distinct
// (end date, site) of coverage ending in [@from, @to] after the cursor
// (@after_date, @after_site) in that order, the first @limit of them. It
// is an index range on coverages_end_site_idx (end_date, site_id): the
// bounds and the row comparison are its Index Cond and the order is the
// index's, so the read stops after @limit pairs and its cost follows the
// coverage due, never the table (test:
// discovery_plan_is_an_index_range_test.go).
const DueRenewalsSQL = `SELECT DISTINCT v.end_date, v.site_id
FROM coverages v
WHERE v.end_date >= CAST(@from AS date) AND v.end_date <= CAST(@to AS date)
  AND (v.end_date, v.site_id) > (CAST(@after_date AS date), CAST(@after_site AS bigint))
ORDER BY v.end_date, v.site_id
LIMIT @limit`

// notStartedSQL keeps, of a batch of pairs (@sites[i], @dates[i]) in walk
// order (array literals: GORM would spread a slice into a list), those
// without a renewals row, with the site's and customer's ids and numbers,
// in the same order. Each pair is one probe of the renewals unique
// (site_id, due_date) index: the lateral subquery with its LIMIT cannot
// be flattened into a join, so the planner cannot hash the whole renewals
// table instead, however small it thinks that table is (NOT EXISTS was
// planned as a hash of every renewal ever, per batch; inside the walk, as
// a merge on the due date alone, about 5 million comparisons a pass). The
// customer's number is a probe by its key too.
const notStartedSQL = `SELECT s.id AS site_id, s.site_number, s.customer_id,
	(SELECT c.customer_number FROM customers c WHERE c.id = s.customer_id) AS customer_number, p.due_date
FROM unnest(CAST(CAST(@sites AS text) AS bigint[]), CAST(CAST(@dates AS text) AS date[])) WITH ORDINALITY AS p(site_id, due_date, n)
LEFT JOIN LATERAL (SELECT true AS started FROM renewals r WHERE r.site_id = p.site_id AND r.due_date = p.due_date LIMIT 1) r ON true
JOIN sites s ON s.id = p.site_id
WHERE r.started IS NULL
ORDER BY p.n`

// DueRenewalsArgs are the named arguments of DueRenewalsSQL: the pairs of
// p's window after after (nil: from the window's start), up to limit.
func DueRenewalsArgs(p discovery.Page, after *discovery.Cursor, limit int) map[string]any {
	at := discovery.Cursor{EndDate: p.From, SiteID: 0}
	if after != nil {
		at = *after
	}
	day := func(t time.Time) string { return t.UTC().Format(discovery.DateLayout) }
	return map[string]any{
		"from": day(p.From), "to": day(p.To), "after_date": day(at.EndDate), "after_site": at.SiteID, "limit": limit,
	}
}

// FindDueRenewals reads one page of the renewals to start: up to p.Limit
// (site, due date) pairs of coverage ending in the window, after the
// cursor, without a renewals row. It walks the window in batches of
// p.Limit pairs (DueRenewalsSQL) and keeps those not started
// (notStartedSQL) until the page is full or the window ends; Last is true
// when the window has no pair after the page.
func (d *Discovery) FindDueRenewals(ctx context.Context, p discovery.Page) (discovery.PageResult, error) {
	if p.Limit <= 0 || p.Limit > discovery.MaxPageSize {
		return discovery.PageResult{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("page limit must be 1 to %d", discovery.MaxPageSize), policy.ErrInvalidInput, nil)
	}
	if p.To.Before(p.From) {
		return discovery.PageResult{}, temporal.NewNonRetryableApplicationError("the window ends before it starts", policy.ErrInvalidInput, nil)
	}
	db := d.DB.WithContext(ctx)
	out := discovery.PageResult{Due: []discovery.Due{}}
	after := p.After
	for {
		var pairs []struct {
			EndDate time.Time
			SiteID  int64
		}
		if err := db.Raw(DueRenewalsSQL, DueRenewalsArgs(p, after, p.Limit)).Scan(&pairs).Error; err != nil {
			return discovery.PageResult{}, classify("read the coverage due", err)
		}
		if len(pairs) == 0 {
			out.Last = true
			return out, nil
		}
		var sites, dates strings.Builder
		for i, pr := range pairs {
			sep := ","
			if i == 0 {
				sep = "{"
			}
			sites.WriteString(sep + strconv.FormatInt(pr.SiteID, 10))
			dates.WriteString(sep + pr.EndDate.UTC().Format(discovery.DateLayout))
		}
		sites.WriteString("}")
		dates.WriteString("}")
		var fresh []discovery.Due
		if err := db.Raw(notStartedSQL, map[string]any{"sites": sites.String(), "dates": dates.String()}).Scan(&fresh).Error; err != nil {
			return discovery.PageResult{}, classify("read the renewals started", err)
		}
		room := p.Limit - len(out.Due)
		for _, due := range fresh[:min(room, len(fresh))] {
			due.DueDate = due.DueDate.UTC()
			out.Due = append(out.Due, due)
		}
		switch {
		case len(fresh) > room:
			return out, nil // full, with more after it
		case len(pairs) < p.Limit:
			out.Last = true // the window ends in this batch
			return out, nil
		case len(out.Due) == p.Limit:
			return out, nil
		}
		last := discovery.Cursor{EndDate: pairs[len(pairs)-1].EndDate.UTC(), SiteID: pairs[len(pairs)-1].SiteID}
		after = &last
	}
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
