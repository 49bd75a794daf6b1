package accessrequest_test

// Shared fixtures and the harness of the workflow tests: the workflow runs
// in the SDK's test environment with time skipping; the real activity
// structs are registered through worker.Register and mocked by name, so a
// test fails (OnActivity panics) if the workflow calls an activity the
// worker does not register.

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/policy"
)

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const (
	requesterEmail = "frank@newcomer.example.com"
	primaryEmail   = "alice@acme.example.com"
	managerEmail   = "mark@acme.example.com"
	userEmail      = "ursula@acme.example.com"
	// the retry policy of the workflow's database activities starts at 200ms;
	// a callback 100ms after a failed attempt lands while it waits to retry.
	inRetryBackoff = 100 * time.Millisecond
)

var testTimers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 168 * time.Hour, ExpireAfter: 336 * time.Hour}

func nominationInput() accessrequest.Input {
	return accessrequest.Input{
		RequestID:      uuid.NewString(),
		Kind:           models.KindNomination,
		SiteID:         1,
		SiteNumber:     "300001",
		CustomerID:     1,
		CustomerNumber: "1000001",
		RequesterID:    7,
		Requester:      accessrequest.Person{Email: requesterEmail, Name: "Frank Newcomer", Company: "Newcomer Ltd", Phone: "+1 555 0100"},
		Reason:         "I run the Acme installation",
		Timers:         testTimers,
	}
}

func supportInput() accessrequest.Input {
	in := nominationInput()
	in.Kind = models.KindSupportAccess
	in.SiteID, in.SiteNumber = 0, ""
	return in
}

func primary() accessrequest.Approver {
	return accessrequest.Approver{Email: primaryEmail, IsPrimary: true, Privileges: models.PrimaryPrivileges}
}

// manager is a non-Primary approver: manage_access=update, software=downloads.
func manager() accessrequest.Approver {
	return accessrequest.Approver{Email: managerEmail, Privileges: models.Privileges{
		Software: models.SoftwareDownloads, Reporting: models.LevelView, ManageAccess: models.LevelUpdate,
	}}
}

func supportAdmin() accessrequest.Approver {
	return accessrequest.Approver{Email: "stc@acme.example.com", SupportAdmin: true}
}

func approve(by accessrequest.Approver, p models.Privileges) accessrequest.Decision {
	return accessrequest.Decision{Approve: true, Privileges: p, Approver: by}
}

func reject(by accessrequest.Approver, reason string) accessrequest.Decision {
	return accessrequest.Decision{Approve: false, Reason: reason, Approver: by}
}

var downloadsAndReporting = models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	wftest.Call
	WorkflowID string
	RunID      string
	Record     accessrequest.RequestRecord // RecordRequest, ApproveRequest, GrantRequest
	Notice     accessrequest.NoticeRequest // QueueNotice
}

type fakes struct{ wftest.Recorder[call, *call] }

// do records an attempt of the named activity, with its workflow's run.
func (f *fakes) do(ctx context.Context, name string, c call) error {
	run := activity.GetInfo(ctx).WorkflowExecution
	c.WorkflowID, c.RunID = run.ID, run.RunID
	return f.Do(ctx, name, c, nil)
}

func (f *fakes) RecordRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, accessrequest.ActivityRecordRequest, call{Record: rec})
}

func (f *fakes) ApproveRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, accessrequest.ActivityApproveRequest, call{Record: rec})
}

func (f *fakes) GrantRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, accessrequest.ActivityGrantRequest, call{Record: rec})
}

func (f *fakes) QueueNotice(ctx context.Context, n accessrequest.NoticeRequest) error {
	return f.do(ctx, accessrequest.ActivityQueueNotice, call{Notice: n})
}

// writes are the successful read-model writes (RecordRequest and the
// ApproveRequest that records an approval with its grant).
func (f *fakes) writes() []call {
	return f.OK(accessrequest.ActivityRecordRequest, accessrequest.ActivityApproveRequest)
}
func (f *fakes) approvals() []call { return f.OK(accessrequest.ActivityApproveRequest) }
func (f *fakes) notices() []call   { return f.OK(accessrequest.ActivityQueueNotice) }

// attempts returns every attempt matching pred.
func (f *fakes) attempts(pred func(c call) bool) []call {
	var out []call
	for _, c := range f.All() {
		if pred(c) {
			out = append(out, c)
		}
	}
	return out
}

// failOnce makes the first attempt matching pred fail with a retryable error.
func (f *fakes) failOnce(pred func(c call) bool) {
	f.Fail = func(c call) error {
		if c.Attempt == 1 && pred(c) {
			return errors.New("transient: database unavailable")
		}
		return nil
	}
}

// permanent is a write PostgreSQL refuses for good, as the activities
// report it.
func permanent() error {
	return temporal.NewNonRetryableApplicationError("record request: data exception (SQLSTATE 22021)", policy.ErrDataException, nil)
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

type harness struct {
	t          *testing.T
	env        *testsuite.TestWorkflowEnvironment
	sa         *wftest.SearchAttributeRecorder
	f          *fakes
	in         accessrequest.Input
	workflowID string
}

type outcome = wftest.Outcome[accessrequest.State]

func newHarness(t *testing.T, in accessrequest.Input) *harness {
	t.Helper()
	h := &harness{t: t, env: wftest.NewEnv(), f: &fakes{}, in: in}
	h.f.Now = h.env.Now
	// What the worker registers, the workflow and the real activities; the
	// mocks below replace the activities by name and panic on a name the
	// worker does not register.
	worker.Register(h.env, activities.Deps{})
	wftest.MockActivities(h.env, map[string]any{
		accessrequest.ActivityRecordRequest:  h.f.RecordRequest,
		accessrequest.ActivityApproveRequest: h.f.ApproveRequest,
		accessrequest.ActivityGrantRequest:   h.f.GrantRequest,
		accessrequest.ActivityQueueNotice:    h.f.QueueNotice,
	})
	if in.Kind == models.KindSupportAccess {
		h.workflowID = accessrequest.SupportAccessID(in.CustomerNumber, in.RequesterID)
	} else {
		h.workflowID = accessrequest.NominationID(in.SiteNumber, in.RequesterID)
	}
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: h.workflowID, TaskQueue: "test"})
	h.sa = wftest.RecordSearchAttributes(h.env)
	return h
}

func (h *harness) run() { wftest.Execute(h.t, h.env, accessrequest.WorkflowName, h.in) }

// result returns the workflow's final state, failing the test on a workflow error.
func (h *harness) result() accessrequest.State { return wftest.Result[accessrequest.State](h.t, h.env) }

func (h *harness) query() accessrequest.State {
	return wftest.Query[accessrequest.State](h.t, h.env, accessrequest.QueryStatus)
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *accessrequest.State {
	return wftest.QueryAt[accessrequest.State](h.t, h.env, at, accessrequest.QueryStatus)
}

// update sends an update `at` after the start (several updates at the same
// instant are delivered in the order they were registered).
func (h *harness) update(at time.Duration, name string, args ...any) *outcome {
	return wftest.Update[accessrequest.State](h.env, h.t, at, name, args...)
}

func (h *harness) submit(at time.Duration) *outcome { return h.update(at, accessrequest.UpdateSubmit) }

func (h *harness) decide(at time.Duration, d accessrequest.Decision) *outcome {
	return h.update(at, accessrequest.UpdateDecide, d)
}

func (h *harness) withdraw(at time.Duration, by string) *outcome {
	return h.update(at, accessrequest.UpdateWithdraw, accessrequest.Withdrawal{By: by})
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

func templates(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Template + "→" + string(c.Notice.Audience) })
}

func actions(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Record.AuditAction + "|" + string(c.Record.State.Status) })
}

var wantSeq = wftest.WantSeq

func (h *harness) noticeWith(template string) []call {
	var out []call
	for _, c := range h.f.notices() {
		if c.Notice.Template == template {
			out = append(out, c)
		}
	}
	return out
}

// sequence renders calls in order, e.g. "RecordRequest:request.submit".
func sequence(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		switch c.Activity {
		case accessrequest.ActivityQueueNotice:
			out = append(out, c.Activity+":"+c.Notice.Template)
		default:
			out = append(out, c.Activity+":"+c.Record.AuditAction)
		}
	}
	return out
}
