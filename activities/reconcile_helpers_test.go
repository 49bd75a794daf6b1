package activities_test

// Fixture of the reconciler's activity tests: the test's own migrated and
// seeded database, a namespace of its own on the real Temporal dev server,
// and the API (no worker), so a test can start and terminate real workflow
// runs, run the activity against them and read the approvers' queues over
// HTTP.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/reconcile"
)

type reconcileFixture struct {
	fixture
	app *testenv.App
	c   client.Client
	// idle is a task queue no worker polls: runs started on it stay
	// running until they are terminated.
	idle string
}

func newReconcileFixture(t *testing.T) reconcileFixture {
	t.Helper()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	env := (&testsuite.WorkflowTestSuite{}).NewTestActivityEnvironment()
	for _, act := range activities.All(activities.Deps{DB: a.Runtime.DB, Temporal: a.Runtime.Temporal}) {
		env.RegisterActivity(act)
	}
	f := reconcileFixture{fixture: fixture{db: a.Runtime.DB, env: env}, app: a, c: a.Runtime.Temporal, idle: "idle-" + uuid.NewString()[:8]}
	return f
}

// start starts a run of workflowID that stays running (nobody polls its
// task queue) and returns its run ID.
func (f reconcileFixture) start(t *testing.T, workflowID string) string {
	t.Helper()
	run, err := f.c.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{ID: workflowID, TaskQueue: f.idle}, accessrequest.WorkflowName)
	if err != nil {
		t.Fatalf("start %s: %v", workflowID, err)
	}
	return run.GetRunID()
}

// terminate ends a run as an operator does in Temporal UI.
func (f reconcileFixture) terminate(t *testing.T, workflowID, runID string) {
	t.Helper()
	if err := f.c.TerminateWorkflow(context.Background(), workflowID, runID, "operator cleanup"); err != nil {
		t.Fatalf("terminate %s: %v", workflowID, err)
	}
}

// request inserts a request row of requester (a nomination to site
// 300001, or a support-access request to account 1000001) in status,
// belonging to workflowID's run runID, last updated quiet ago; it returns
// the row's id.
func (f reconcileFixture) request(t *testing.T, kind models.RequestKind, requester, workflowID, runID string, status models.RequestStatus, quiet time.Duration) string {
	t.Helper()
	id := uuid.NewString()
	var site any
	if kind == models.KindNomination {
		site = f.siteID(t, "300001")
	}
	f.exec(t, `INSERT INTO access_requests (id, kind, workflow_id, run_id, site_id, customer_id, requester_id,
		requester_email, name, company, phone, reason, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Requester', 'Acme', '', 'testing', ?, now() - ?::interval, now() - ?::interval)`,
		id, kind, workflowID, runID, site, f.customerID(t, "1000001"), f.userID(t, requester), requester, status,
		fmt.Sprintf("%d milliseconds", quiet.Milliseconds()), fmt.Sprintf("%d milliseconds", quiet.Milliseconds()))
	return id
}

// nominationID is the workflow ID of requester's nomination to 300001.
func (f reconcileFixture) nominationID(t *testing.T, requester string) string {
	return accessrequest.NominationID("300001", f.userID(t, requester))
}

// reconcilePage runs the activity on one page.
func (f reconcileFixture) reconcilePage(t *testing.T, p reconcile.Page) reconcile.PageResult {
	t.Helper()
	v, err := f.env.ExecuteActivity(reconcile.ActivityReconcileRequests, p)
	if err != nil {
		t.Fatalf("reconcile: %v", err)
	}
	var out reconcile.PageResult
	if err := v.Get(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// pass reconciles one page of up to 100 rows with the default grace.
func (f reconcileFixture) pass(t *testing.T) reconcile.PageResult {
	t.Helper()
	return f.reconcilePage(t, reconcile.Page{Limit: 100, Grace: reconcile.DefaultGrace})
}

// queue lists the ids of the pending requests in approver's queue (path:
// /v1/nominations or /v1/support-access-requests).
func (f reconcileFixture) queue(t *testing.T, path, approver string) []string {
	t.Helper()
	r := f.app.Do("GET", path+"?as=approver&status=pending", f.app.Token(approver), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s as approver = %d %s", path, r.Status, r.Body)
	}
	var body struct {
		Requests []struct {
			ID string `json:"id"`
		} `json:"requests"`
	}
	r.JSON(t, &body)
	var ids []string
	for _, q := range body.Requests {
		ids = append(ids, q.ID)
	}
	return ids
}

func (f reconcileFixture) inQueue(t *testing.T, path, approver, id string) bool {
	return slices.Contains(f.queue(t, path, approver), id)
}

// closeStaleAudits counts the request.close_stale audit rows of request id
// by "system".
func (f reconcileFixture) closeStaleAudits(t *testing.T, id string) int64 {
	return f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.close_stale' AND actor = 'system'", id)
}

// quietFor is longer than the default grace: rows this quiet are checked.
const quietFor = reconcile.DefaultGrace + time.Minute
