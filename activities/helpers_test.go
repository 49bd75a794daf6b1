package activities_test

// Shared fixture of the activity tests: a fresh migrated and seeded
// PostgreSQL database per test (internal/testenv), and a Temporal activity
// test environment with every activity of the project registered.

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

const (
	// The activity test environment runs every activity as part of this
	// workflow execution.
	testWorkflowID = "default-test-workflow-id"
	testRunID      = "default-test-run-id"

	alice = "alice@acme.example.com" // Primary of 300001
	grace = "grace@acme.example.com" // 300001: manage_access=update, software=full; support full
	carol = "carol@acme.example.com" // STC of 300001 and 300002: support administrator of 1000001
	erin  = "erin@acme.example.com"  // 300001: downloads; no support access
	frank = "frank@newcomer.example.com"
)

type fixture struct {
	db  *gorm.DB
	env *testsuite.TestActivityEnvironment
	in  accessrequest.Input
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	db := testenv.DB(t)
	if _, err := seed.Load(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	f := fixture{db: db, env: newEnv(db)}
	f.in = accessrequest.Input{
		RequestID: uuid.NewString(), Kind: models.KindNomination, SiteID: f.siteID(t, "300001"), SiteNumber: "300001",
		CustomerID: f.customerID(t, "1000001"), CustomerNumber: "1000001", RequesterID: f.userID(t, frank),
		Requester: accessrequest.Person{Email: frank, Name: "Frank", Company: "Acme", Phone: "+15125550100"},
		Reason:    "testing", Timers: accessrequest.Timers{RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour, ExpireAfter: 3 * time.Hour},
	}
	return f
}

// newEnv is an activity environment with every activity registered.
func newEnv(db *gorm.DB) *testsuite.TestActivityEnvironment {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	for _, a := range activities.All(activities.Deps{DB: db}) {
		env.RegisterActivity(a)
	}
	return env
}

// supportInput is erin's support-access request to account 1000001.
func (f fixture) supportInput(t *testing.T) accessrequest.Input {
	in := f.in
	in.RequestID = uuid.NewString()
	in.Kind, in.SiteID, in.SiteNumber = models.KindSupportAccess, 0, ""
	in.RequesterID = f.userID(t, erin)
	in.Requester = accessrequest.Person{Email: erin, Name: "Erin", Company: "Acme", Phone: "+15125550101"}
	return in
}

func (f fixture) scan(t *testing.T, dst any, q string, args ...any) {
	t.Helper()
	if err := f.db.Raw(q, args...).Scan(dst).Error; err != nil {
		t.Fatal(err)
	}
}

func (f fixture) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if err := f.db.Exec(q, args...).Error; err != nil {
		t.Fatal(err)
	}
}

func (f fixture) count(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	f.scan(t, &n, q, args...)
	return n
}

func (f fixture) siteID(t *testing.T, number string) (id int64) {
	f.scan(t, &id, "SELECT id FROM sites WHERE site_number = ?", number)
	return id
}

func (f fixture) customerID(t *testing.T, number string) (id int64) {
	f.scan(t, &id, "SELECT id FROM customers WHERE customer_number = ?", number)
	return id
}

func (f fixture) userID(t *testing.T, email string) (id int64) {
	f.scan(t, &id, "SELECT id FROM users WHERE email = ?", email)
	if id == 0 {
		t.Fatalf("no user %s in the seed", email)
	}
	return id
}

// access is the stored privileges of email on the fixture's site (zero if
// none).
func (f fixture) access(t *testing.T, email string) models.Privileges {
	t.Helper()
	var rows []models.SiteAccess
	if err := f.db.Where("site_id = ? AND user_id = ?", f.in.SiteID, f.userID(t, email)).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return models.Privileges{}
	}
	return rows[0].Privileges()
}

func (f fixture) status(t *testing.T, requestID string) (status string) {
	f.scan(t, &status, "SELECT status FROM access_requests WHERE id = ?", requestID)
	return status
}

// record is a RequestRecord of in in state status by actor.
func record(in accessrequest.Input, status models.RequestStatus, action, actor string) accessrequest.RequestRecord {
	return accessrequest.RequestRecord{Input: in, State: accessrequest.State{RequestID: in.RequestID, Kind: in.Kind, Status: status}, AuditAction: action, Actor: actor}
}

// approval is the approved record of a nomination granting p, or of a
// support-access request granting level.
func approval(in accessrequest.Input, actor string, p *models.Privileges, level *models.SupportLevel) accessrequest.RequestRecord {
	r := record(in, models.StatusApproved, "request.approve", actor)
	r.State.DecidedBy, r.State.Granted, r.State.SupportLevel, r.State.Finalized = actor, p, level, true
	return r
}

// run executes an activity and returns its error.
func (f fixture) run(name string, arg any) error {
	_, err := f.env.ExecuteActivity(name, arg)
	return err
}

// mustRun executes an activity and fails the test on error.
func (f fixture) mustRun(t *testing.T, name string, arg any) {
	t.Helper()
	if err := f.run(name, arg); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// wantNonRetryable asserts err is a non-retryable application error of
// errType.
func wantNonRetryable(t *testing.T, err error, errType string) *temporal.ApplicationError {
	t.Helper()
	var app *temporal.ApplicationError
	if !errors.As(err, &app) {
		t.Fatalf("error = %v, want a non-retryable %s application error", err, errType)
	}
	if app.Type() != errType || !app.NonRetryable() {
		t.Fatalf("error type=%q nonRetryable=%v (%v), want non-retryable %q", app.Type(), app.NonRetryable(), err, errType)
	}
	return app
}
