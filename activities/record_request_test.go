package activities_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// The workflow's first write inserts the row (the API inserts none), with
// the workflow and run IDs of the activity's execution.
func TestRecordRequestInsertsTheFirstRow(t *testing.T) {
	f := newFixture(t)
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	var row models.AccessRequest
	if err := f.db.Take(&row, "id = ?", f.in.RequestID).Error; err != nil {
		t.Fatal(err)
	}
	if row.Status != models.StatusPending || row.WorkflowID != testWorkflowID || row.RunID != testRunID ||
		row.RequesterEmail != frank || row.SiteID == nil || *row.SiteID != f.in.SiteID {
		t.Fatalf("row = %+v", row)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.submit' AND actor = ?", f.in.RequestID, frank); n != 1 {
		t.Fatalf("%d submit audit rows", n)
	}
}

// A late pending write (a reminder racing a decision) never turns a final
// row back to pending, and a retried transition audits once.
func TestRecordRequestNeverRevertsAFinalStatus(t *testing.T) {
	f := newFixture(t)
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusRejected, "request.reject", alice))
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusRejected, "request.reject", alice)) // a retry
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "", ""))                   // a late reminder write
	if s := f.status(t, f.in.RequestID); s != "rejected" {
		t.Fatalf("status = %s after a late pending write", s)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.reject'", f.in.RequestID); n != 1 {
		t.Fatalf("%d reject audit rows", n)
	}
}

// A pending row left by a run that ended without an outcome (terminated)
// does not block the next request of the same workflow ID: the new run's
// first write closes it as expired, with an audit row, in the same
// transaction.
func TestRecordRequestClosesTheStalePendingRowOfAnEndedRun(t *testing.T) {
	f := newFixture(t)
	staleID := uuid.New()
	f.exec(t, `INSERT INTO access_requests (id, kind, workflow_id, run_id, site_id, customer_id, requester_id,
		requester_email, name, company, phone, reason, status)
		VALUES (?, 'nomination', ?, 'an-ended-run', ?, ?, ?, ?, 'Frank', 'Acme', '', 'earlier', 'pending')`,
		staleID, testWorkflowID, f.in.SiteID, f.in.CustomerID, f.in.RequesterID, frank)
	// An unrelated pending request of another workflow stays as it is.
	otherID := uuid.New()
	f.exec(t, `INSERT INTO access_requests (id, kind, workflow_id, site_id, customer_id, requester_id,
		requester_email, name, company, phone, reason, status)
		VALUES (?, 'nomination', 'nomination/300001/424242', ?, ?, ?, ?, 'Frank', 'Acme', '', 'other', 'pending')`,
		otherID, f.in.SiteID, f.in.CustomerID, f.in.RequesterID, frank)

	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "request.submit", frank))

	var stale models.AccessRequest
	if err := f.db.Take(&stale, "id = ?", staleID).Error; err != nil {
		t.Fatal(err)
	}
	if stale.Status != models.StatusExpired || stale.DecisionReason != "the process ended without a decision" {
		t.Fatalf("stale row = %s %q, want expired with the reason", stale.Status, stale.DecisionReason)
	}
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE object_id = ? AND action = 'request.close_stale' AND actor = 'system'", staleID.String()); n != 1 {
		t.Fatalf("%d close_stale audit rows", n)
	}
	if s := f.status(t, f.in.RequestID); s != "pending" {
		t.Fatalf("new request status = %q", s)
	}
	if s := f.status(t, otherID.String()); s != "pending" {
		t.Fatalf("another workflow's pending request became %q", s)
	}
	// Later writes of the new run leave the closed row alone.
	f.mustRun(t, accessrequest.ActivityRecordRequest, record(f.in, models.StatusPending, "", ""))
	if n := f.count(t, "SELECT count(*) FROM audit_log WHERE action = 'request.close_stale'"); n != 1 {
		t.Fatalf("%d close_stale audit rows after a second write", n)
	}
}

// A value PostgreSQL cannot store (a NUL byte in a text) is a permanent
// error: non-retryable, typed DataException, nothing written.
func TestRecordRequestWithAValuePostgresRefusesIsNonRetryable(t *testing.T) {
	f := newFixture(t)
	in := f.in
	in.Requester.Name = "Frank\x00Newcomer"
	app := wantNonRetryable(t, f.run(accessrequest.ActivityRecordRequest, record(in, models.StatusPending, "request.submit", frank)), policy.ErrDataException)
	t.Logf("refusal: %v", app)
	if n := f.count(t, "SELECT count(*) FROM access_requests WHERE id = ?", in.RequestID); n != 0 {
		t.Fatalf("%d rows written", n)
	}
}

// A row that breaks a constraint (here: a requester that does not exist)
// is a permanent IntegrityViolation, not retried.
func TestRecordRequestBreakingAConstraintIsNonRetryable(t *testing.T) {
	f := newFixture(t)
	in := f.in
	in.RequesterID = 987654321
	wantNonRetryable(t, f.run(accessrequest.ActivityRecordRequest, record(in, models.StatusPending, "request.submit", frank)), policy.ErrIntegrityViolation)
}
