package discovery_test

// The harness of the discovery tests: the test's own migrated database
// with a customer, three S&S products and the sites and coverage a test
// inserts; a namespace of its own on the real Temporal dev server; and a
// worker with everything registered (worker.New) polling the discovery
// task queue. The renewals a pass starts go to another task queue that
// nobody polls, so they stay there, running, for the test to look at,
// and never write a renewals row.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/log"
	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/renewal"
)

const day = 24 * time.Hour

type world struct {
	db       *gorm.DB
	c        client.Client
	queue    string // the discovery worker's
	renewals string // where the renewals are started: nobody polls it
	customer int64
	products []int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	db := testenv.DB(t)
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, err := client.DialContext(ctx, client.Options{HostPort: addr, Namespace: ns, Logger: log.NewStructuredLogger(quiet)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	w := &world{db: db, c: c, queue: "discovery-" + uuid.NewString()[:8], renewals: "renewals-" + uuid.NewString()[:8]}
	wk := worker.New(c, w.queue, activities.Deps{DB: db, Log: quiet, Temporal: c, TaskQueue: w.renewals}, nil)
	if err := wk.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(wk.Stop)
	w.scan(t, &w.customer, "INSERT INTO customers (customer_number, name) VALUES ('9000001', 'Discovery Test Corp') RETURNING id")
	for i := 1; i <= 3; i++ {
		var id int64
		w.scan(t, &id, `INSERT INTO products (part_number, description, category, license_type)
			VALUES (?, 'Test S&S renewal', 'Testing', 'ss_renewal') RETURNING id`, fmt.Sprintf("DISC%04d", i))
		w.products = append(w.products, id)
	}
	return w
}

func (w *world) scan(t *testing.T, dst any, q string, args ...any) {
	t.Helper()
	if err := w.db.Raw(q, args...).Scan(dst).Error; err != nil {
		t.Fatal(err)
	}
}

// site inserts an Express site of the world's customer and returns its id.
func (w *world) site(t *testing.T, number string) int64 {
	t.Helper()
	var id int64
	w.scan(t, &id, `INSERT INTO sites (site_number, customer_id, kind, name, country, currency)
		VALUES (?, ?, 'express', 'Site ' || ?, 'US', 'USD') RETURNING id`, number, w.customer, number)
	return id
}

// cover gives site S&S coverage of the world's product p (0, 1 or 2)
// ending on end.
func (w *world) cover(t *testing.T, site int64, p int, end time.Time) {
	t.Helper()
	if err := w.db.Exec("INSERT INTO coverages (site_id, product_id, quantity, end_date) VALUES (?, ?, 5, ?)",
		site, w.products[p], end.Format(discovery.DateLayout)).Error; err != nil {
		t.Fatal(err)
	}
}

// quietLogger discards the SDK test environment's log.
func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// today is the UTC date the passes of the test see.
func today() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// input is the Schedule's input of a daily pass with the default calendar.
func input() discovery.Input {
	return discovery.Input{Offsets: models.DefaultRenewalOffsets(), Lead: day, PageSize: discovery.DefaultPageSize}
}

// pass runs a pass to its end (as the Schedule's action would start it)
// and returns its result and its first run (workflow and run ID).
func (w *world) pass(t *testing.T, in discovery.Input) (discovery.Result, firstRun) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run, err := w.c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: discovery.ScheduleID + "-test-" + uuid.NewString()[:8], TaskQueue: w.queue, WorkflowExecutionTimeout: time.Minute,
	}, discovery.WorkflowName, in)
	if err != nil {
		t.Fatalf("start a pass: %v", err)
	}
	first := firstRun{WorkflowID: run.GetID(), RunID: run.GetRunID()} // Get follows the chain of runs
	var res discovery.Result
	if err := run.Get(ctx, &res); err != nil {
		t.Fatalf("pass: %v", err)
	}
	return res, first
}

// firstRun names the first run of a pass.
type firstRun struct{ WorkflowID, RunID string }

// started is the renewal of site number on due as Temporal has it: its
// run ID, task queue and input; ok is false when it was never started.
type started struct {
	RunID     string
	TaskQueue string
	Input     renewal.Input
}

func (w *world) renewal(t *testing.T, siteNumber string, due time.Time) (started, bool) {
	t.Helper()
	ctx := context.Background()
	id := renewal.WorkflowID(siteNumber, due)
	d, err := w.c.DescribeWorkflowExecution(ctx, id, "")
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return started{}, false
	}
	if err != nil {
		t.Fatalf("describe %s: %v", id, err)
	}
	info := d.GetWorkflowExecutionInfo()
	if info.GetType().GetName() != renewal.WorkflowName {
		t.Fatalf("%s is a %q", id, info.GetType().GetName())
	}
	out := started{RunID: info.GetExecution().GetRunId(), TaskQueue: info.GetTaskQueue()}
	it := w.c.GetWorkflowHistory(ctx, id, out.RunID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	first, err := it.Next()
	if err != nil {
		t.Fatalf("history of %s: %v", id, err)
	}
	attrs := first.GetWorkflowExecutionStartedEventAttributes()
	if attrs == nil {
		t.Fatalf("the first event of %s is a %s", id, first.GetEventType())
	}
	if err := converter.GetDefaultDataConverter().FromPayloads(attrs.GetInput(), &out.Input); err != nil {
		t.Fatalf("input of %s: %v", id, err)
	}
	return out, true
}

// mustStart is the renewal of site number on due, which must have started.
func (w *world) mustStart(t *testing.T, siteNumber string, due time.Time) started {
	t.Helper()
	s, ok := w.renewal(t, siteNumber, due)
	if !ok {
		t.Fatalf("%s was not started", renewal.WorkflowID(siteNumber, due))
	}
	return s
}
