// Package discovery is renewal discovery (SPEC F1): a pass, started every
// day by the renewal-discovery Schedule, that pages through the coverage
// ending between today and the verification offset ahead (an index range
// on end date and site: its cost grows with the coverage due, not with the
// table), and starts renewal/<site>/<due date> for every site and end date
// that has no renewal yet. A renewal already started is a skip, not an
// error, so passes may overlap in what they find and run again after a
// failure. Deterministic code only.
package discovery

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/workflows/policy"
)

// Activity bounds of one page: a read of at most MaxPageSize pairs, then
// as many workflow starts. A page that keeps failing (an outage of
// PostgreSQL or Temporal) is retried for up to PageDeadline, then fails
// the pass; the Schedule's next pass starts over.
const (
	PageTimeout  = 5 * time.Minute
	PageDeadline = time.Hour
)

// pageRetry retries a page with backoff up to a minute apart until
// PageDeadline; permanent errors are not retried.
func pageRetry() *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        time.Second,
		BackoffCoefficient:     2,
		MaximumInterval:        time.Minute,
		NonRetryableErrorTypes: policy.Permanent,
	}
}

type discovery struct {
	in   Input
	done Result
}

// Workflow is the workflow function: one pass over the coverage due.
func Workflow(ctx workflow.Context, in Input) (Result, error) {
	w := &discovery{in: in, done: in.Done}
	if err := w.setup(ctx); err != nil {
		return w.done, err
	}
	err := w.run(ctx)
	return w.done, err
}

// setup checks the input, applies the defaults and, on a pass's first
// run, fixes its window from the workflow's clock.
func (w *discovery) setup(ctx workflow.Context) error {
	if w.in.Offsets.Verification <= 0 {
		return temporal.NewNonRetryableApplicationError("the verification offset must be positive", policy.ErrInvalidInput, nil)
	}
	if w.in.Lead < 0 {
		return temporal.NewNonRetryableApplicationError("the lead must not be negative", policy.ErrInvalidInput, nil)
	}
	if w.in.PageSize < 0 || w.in.PageSize > MaxPageSize {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("page size must be 0 (default) to %d", MaxPageSize), policy.ErrInvalidInput, nil)
	}
	if w.in.PageSize == 0 {
		w.in.PageSize = DefaultPageSize
	}
	if w.in.Window == nil {
		now := workflow.Now(ctx).UTC()
		w.in.Window = &Window{From: date(now), To: date(now.Add(w.in.Offsets.Verification + w.in.Lead))}
	}
	if w.in.Window.To.Before(w.in.Window.From) {
		return temporal.NewNonRetryableApplicationError("the window ends before it starts", policy.ErrInvalidInput, nil)
	}
	return nil
}

// date is the UTC midnight of t's day.
func date(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// run finds and starts page after page until the last one, continuing as
// new after PagesPerRun pages (or when Temporal suggests it) with the
// window, the cursor and the counts so far.
func (w *discovery) run(ctx workflow.Context) error {
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
		err := workflow.ExecuteActivity(ctx, ActivityFindDueRenewals,
			Page{From: w.in.Window.From, To: w.in.Window.To, After: after, Limit: w.in.PageSize}).Get(ctx, &page)
		if err != nil {
			return fmt.Errorf("find the renewals due after %s: %w", describe(after), err)
		}
		w.done.Pages++
		w.done.Found += len(page.Due)
		if len(page.Due) > 0 {
			var started StartResult
			if err := workflow.ExecuteActivity(ctx, ActivityStartRenewals, Starts{Due: page.Due, Offsets: w.in.Offsets}).Get(ctx, &started); err != nil {
				return fmt.Errorf("start the renewals due after %s: %w", describe(after), err)
			}
			w.done.Started += started.Started
			w.done.Skipped += started.Skipped
		}
		if page.Last {
			workflow.GetLogger(ctx).Info("renewal discovery pass",
				"from", w.in.Window.From.Format(DateLayout), "to", w.in.Window.To.Format(DateLayout),
				"found", w.done.Found, "started", w.done.Started, "skipped", w.done.Skipped)
			return nil
		}
		if len(page.Due) == 0 {
			return temporal.NewNonRetryableApplicationError("an empty page that is not the last", policy.ErrInvalidInput, nil)
		}
		next := page.Due[len(page.Due)-1].Cursor()
		if after != nil && !after.Before(next) {
			// A cursor that does not move would loop for ever.
			return temporal.NewNonRetryableApplicationError(fmt.Sprintf("page cursor did not advance past %s", describe(after)), policy.ErrInvalidInput, nil)
		}
		after = &next
	}
}

// Before reports whether c comes before o in (end date, site id) order.
func (c Cursor) Before(o Cursor) bool {
	if !c.EndDate.Equal(o.EndDate) {
		return c.EndDate.Before(o.EndDate)
	}
	return c.SiteID < o.SiteID
}

// describe names a cursor for errors and logs.
func describe(c *Cursor) string {
	if c == nil {
		return "the window's start"
	}
	return fmt.Sprintf("%s/site %d", c.EndDate.Format(DateLayout), c.SiteID)
}
