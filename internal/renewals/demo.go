package renewals

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The development demo of a renewal (issue 11 item 6): a site's renewal
// due in minutes, so the whole calendar — verification, quote and notice,
// reminders, lapse or renewal — runs while you watch in `make dev`.
//
// A renewal is one site's coverage due on one date (its workflow ID and
// row carry the date), so the demo makes the site's coverage end on the
// date of the due time (UTC) and starts renewal/<site>/<that date> with
// the exact due time (Input.DueDate is a time: the process's timers run
// from it) and a calendar scaled into the time left: verification at 90 %
// of it before the due time, the quote and notice at 75 %, reminders at
// 50 %, 25 % and 10 %, the lapse at the due time. Discovery finds the
// moved coverage too and skips it: the renewal is already started.

// Bounds of the demo's due time.
const (
	MinDemoDue = time.Minute
	MaxDemoDue = 30 * 24 * time.Hour
)

// DemoOffsets scales the renewal calendar into due: verification 90 %,
// quote 75 %, reminders 50 %, 25 % and 10 % before the due time (whole
// seconds).
func DemoOffsets(due time.Duration) models.RenewalOffsets {
	at := func(pct int64) time.Duration { return (due * time.Duration(pct) / 100).Truncate(time.Second) }
	return models.RenewalOffsets{Verification: at(90), Quote: at(75), Reminders: []time.Duration{at(50), at(25), at(10)}}
}

// DemoOptions ask for a demo renewal.
type DemoOptions struct {
	TaskQueue string
	Site      string
	// Due is how long from Now the renewal is due.
	Due time.Duration
	// Reset replaces a renewal of the site already due on that date (its
	// process terminated, its row removed); without it that is an error.
	Reset bool
	Now   time.Time
}

// Demo is the started demo renewal.
type Demo struct {
	WorkflowID, RunID string
	Reference         string
	DueAt             time.Time
	Offsets           models.RenewalOffsets
	Calendar          []models.CalendarStep
	// CoverageLines is how many coverage rows of the site now end on the
	// due date.
	CoverageLines int64
	// PrimaryEmail is the site's Primary Contact (who verifies, and sees
	// the renewal in GET /v1/renewals).
	PrimaryEmail string
	// Replaced names the status of the renewal Reset replaced ("" none).
	Replaced string
}

// ErrDemoExists: a renewal of the site is already due on the demo's date.
var ErrDemoExists = errors.New("a renewal of the site is already due on that date")

// StartDemo starts a demo renewal of o.Site due o.Due from o.Now.
func StartDemo(ctx context.Context, db *gorm.DB, tc client.Client, o DemoOptions) (Demo, error) {
	if o.Due < MinDemoDue || o.Due > MaxDemoDue {
		return Demo{}, fmt.Errorf("--due %s: must be from %s to %s", o.Due, MinDemoDue, MaxDemoDue)
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	var s struct {
		ID             int64
		CustomerID     int64
		CustomerNumber string
		Coverage       int64
		PrimaryEmail   string
	}
	res := db.WithContext(ctx).Raw(`SELECT s.id, s.customer_id, c.customer_number,
		(SELECT count(*) FROM coverages v WHERE v.site_id = s.id) AS coverage,
		COALESCE((SELECT u.email FROM site_contacts k JOIN users u ON u.id = k.user_id WHERE k.site_id = s.id AND k.role = 'primary'), '') AS primary_email
		FROM sites s JOIN customers c ON c.id = s.customer_id WHERE s.site_number = ?`, o.Site).Scan(&s)
	switch {
	case res.Error != nil:
		return Demo{}, fmt.Errorf("site %s: %w", o.Site, res.Error)
	case res.RowsAffected == 0:
		return Demo{}, fmt.Errorf("site %s does not exist (pao seed loads the demo sites)", o.Site)
	case s.Coverage == 0:
		return Demo{}, fmt.Errorf("site %s has no S&S coverage to renew", o.Site)
	}
	d := Demo{DueAt: o.Now.UTC().Add(o.Due).Truncate(time.Second), Offsets: DemoOffsets(o.Due), PrimaryEmail: s.PrimaryEmail}
	d.WorkflowID = renewal.WorkflowID(o.Site, d.DueAt)
	d.Reference = Reference(o.Site, d.DueAt)
	d.Calendar, _ = models.RenewalCalendar(d.DueAt, d.Offsets, o.Now)

	replaced, err := clearDemo(ctx, db, tc, d.WorkflowID, o.Reset)
	if err != nil {
		return Demo{}, err
	}
	d.Replaced = replaced
	in := renewal.Input{SiteID: s.ID, SiteNumber: o.Site, CustomerID: s.CustomerID, CustomerNumber: s.CustomerNumber,
		DueDate: d.DueAt, Offsets: d.Offsets}
	run, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: d.WorkflowID, TaskQueue: o.TaskQueue,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
	}, renewal.WorkflowName, in)
	if err != nil {
		var started *serviceerror.WorkflowExecutionAlreadyStarted
		if errors.As(err, &started) {
			return Demo{}, fmt.Errorf("%s: %w (started meanwhile): run again with --reset", d.WorkflowID, ErrDemoExists)
		}
		return Demo{}, fmt.Errorf("start %s: %w", d.WorkflowID, err)
	}
	d.RunID = run.GetRunID()
	// The process is started first: discovery, finding the moved coverage,
	// meets the running renewal and skips it.
	moved := db.WithContext(ctx).Exec(`UPDATE coverages SET end_date = CAST(? AS date), updated_at = now() WHERE site_id = ?`,
		d.DueAt.Format(renewal.DateLayout), s.ID)
	if moved.Error != nil {
		return d, fmt.Errorf("move the coverage of site %s to end on %s: %w", o.Site, d.DueAt.Format(renewal.DateLayout), moved.Error)
	}
	d.CoverageLines = moved.RowsAffected
	return d, nil
}

// clearDemo makes room for the demo's renewal: none may exist (its row or
// a running process) unless reset, which terminates the process and
// removes the row. It returns the status it replaced.
func clearDemo(ctx context.Context, db *gorm.DB, tc client.Client, workflowID string, reset bool) (string, error) {
	var status string
	if err := db.WithContext(ctx).Raw(`SELECT status FROM renewals WHERE workflow_id = ?`, workflowID).Scan(&status).Error; err != nil {
		return "", fmt.Errorf("renewal %s: %w", workflowID, err)
	}
	running := false
	desc, err := tc.DescribeWorkflowExecution(ctx, workflowID, "")
	var nf *serviceerror.NotFound
	switch {
	case errors.As(err, &nf):
	case err != nil:
		return "", fmt.Errorf("describe %s: %w", workflowID, err)
	default:
		running = desc.GetWorkflowExecutionInfo().GetStatus() == enums.WORKFLOW_EXECUTION_STATUS_RUNNING
	}
	if status == "" && !running {
		return "", nil
	}
	if status == "" {
		status = "running"
	}
	if !reset {
		return "", fmt.Errorf("%s (%s): %w: run again with --reset to replace it", workflowID, status, ErrDemoExists)
	}
	if running {
		if err := tc.TerminateWorkflow(ctx, workflowID, "", "replaced by pao demo renewal --reset"); err != nil {
			var gone *serviceerror.NotFound
			if !errors.As(err, &gone) {
				return "", fmt.Errorf("terminate %s: %w", workflowID, err)
			}
		}
	}
	if err := db.WithContext(ctx).Exec(`DELETE FROM renewals WHERE workflow_id = ?`, workflowID).Error; err != nil {
		return "", fmt.Errorf("remove renewal %s: %w", workflowID, err)
	}
	return status, nil
}
