package accessrequest_test

// Shared fixtures and the harness of the workflow tests: the workflow runs
// in the SDK's test environment with time skipping; the real activity
// structs are registered through worker.Register and mocked by name, so a
// test fails (OnActivity panics) if the workflow calls an activity the
// worker does not register.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/accessrequest"
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

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	Activity   string
	At         time.Time // env.Now() (skipped time) at the attempt
	Attempt    int32
	WorkflowID string
	RunID      string
	Record     accessrequest.RequestRecord // RecordRequest, ApproveRequest, GrantRequest
	Notice     accessrequest.NoticeRequest // QueueNotice
	Failed     bool                        // the fake returned an error for this attempt
}

type fakes struct {
	mu    sync.Mutex
	calls []call
	// fail, when set, decides whether an attempt fails (returns its error).
	fail func(c call) error
	// now is the test environment's (skipped) clock.
	now func() time.Time
}

func (f *fakes) do(ctx context.Context, c call) error {
	info := activity.GetInfo(ctx)
	c.At, c.Attempt = f.now(), info.Attempt
	c.WorkflowID, c.RunID = info.WorkflowExecution.ID, info.WorkflowExecution.RunID
	f.mu.Lock()
	defer f.mu.Unlock()
	var err error
	if f.fail != nil {
		err = f.fail(c)
	}
	c.Failed = err != nil
	f.calls = append(f.calls, c)
	return err
}

func (f *fakes) RecordRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, call{Activity: accessrequest.ActivityRecordRequest, Record: rec})
}

func (f *fakes) ApproveRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, call{Activity: accessrequest.ActivityApproveRequest, Record: rec})
}

func (f *fakes) GrantRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return f.do(ctx, call{Activity: accessrequest.ActivityGrantRequest, Record: rec})
}

func (f *fakes) QueueNotice(ctx context.Context, n accessrequest.NoticeRequest) error {
	return f.do(ctx, call{Activity: accessrequest.ActivityQueueNotice, Notice: n})
}

// all returns every attempt, failed ones included.
func (f *fakes) all() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// ok returns the successful calls, in order.
func (f *fakes) ok() []call {
	var out []call
	for _, c := range f.all() {
		if !c.Failed {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakes) of(names ...string) []call {
	var out []call
	for _, c := range f.ok() {
		if slices.Contains(names, c.Activity) {
			out = append(out, c)
		}
	}
	return out
}

// writes are the successful read-model writes (RecordRequest and the
// ApproveRequest that records an approval with its grant).
func (f *fakes) writes() []call {
	return f.of(accessrequest.ActivityRecordRequest, accessrequest.ActivityApproveRequest)
}
func (f *fakes) approvals() []call { return f.of(accessrequest.ActivityApproveRequest) }
func (f *fakes) notices() []call   { return f.of(accessrequest.ActivityQueueNotice) }

// attempts returns every attempt matching pred.
func (f *fakes) attempts(pred func(c call) bool) []call {
	var out []call
	for _, c := range f.all() {
		if pred(c) {
			out = append(out, c)
		}
	}
	return out
}

// failOnce makes the first attempt matching pred fail with a retryable error.
func (f *fakes) failOnce(pred func(c call) bool) {
	f.fail = func(c call) error {
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
	f          *fakes
	in         accessrequest.Input
	workflowID string

	saMu sync.Mutex
	sa   []temporal.SearchAttributes
}

func newHarness(t *testing.T, in accessrequest.Input) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger())
	h := &harness{t: t, env: s.NewTestWorkflowEnvironment(), f: &fakes{}, in: in}
	h.f.now = h.env.Now
	// What the worker registers, the workflow and the real activities; the
	// mocks below replace the activities by name and panic on a name the
	// worker does not register.
	worker.Register(h.env, activities.Deps{})
	h.env.OnActivity(accessrequest.ActivityRecordRequest, mock.Anything, mock.Anything).Return(h.f.RecordRequest)
	h.env.OnActivity(accessrequest.ActivityApproveRequest, mock.Anything, mock.Anything).Return(h.f.ApproveRequest)
	h.env.OnActivity(accessrequest.ActivityGrantRequest, mock.Anything, mock.Anything).Return(h.f.GrantRequest)
	h.env.OnActivity(accessrequest.ActivityQueueNotice, mock.Anything, mock.Anything).Return(h.f.QueueNotice)
	if in.Kind == models.KindSupportAccess {
		h.workflowID = accessrequest.SupportAccessID(in.CustomerNumber, in.RequesterID)
	} else {
		h.workflowID = accessrequest.NominationID(in.SiteNumber, in.RequesterID)
	}
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: h.workflowID, TaskQueue: "test"})
	// Capture every search-attribute upsert (the mock must cover all of them).
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		h.saMu.Lock()
		defer h.saMu.Unlock()
		h.sa = append(h.sa, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return h
}

func (h *harness) run() {
	h.t.Helper()
	h.env.ExecuteWorkflow(accessrequest.WorkflowName, h.in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
}

// result returns the workflow's final state, failing the test on a workflow error.
func (h *harness) result() accessrequest.State {
	h.t.Helper()
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var st accessrequest.State
	if err := h.env.GetWorkflowResult(&st); err != nil {
		h.t.Fatalf("get result: %v", err)
	}
	return st
}

func (h *harness) query() accessrequest.State {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(accessrequest.QueryStatus)
	if err != nil {
		h.t.Fatalf("query %s: %v", accessrequest.QueryStatus, err)
	}
	var st accessrequest.State
	if err := v.Get(&st); err != nil {
		h.t.Fatalf("decode query: %v", err)
	}
	return st
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *accessrequest.State {
	st := new(accessrequest.State)
	h.env.RegisterDelayedCallback(func() { *st = h.query() }, at)
	return st
}

// processStatuses are the ProcessStatus values upserted, in order.
func (h *harness) processStatuses() []string {
	h.saMu.Lock()
	defer h.saMu.Unlock()
	var out []string
	for _, sa := range h.sa {
		v, _ := sa.GetKeyword(temporalx.ProcessStatus)
		out = append(out, v)
	}
	return out
}

// outcome is what an update's callbacks reported.
type outcome struct {
	name      string
	sent      bool
	accepted  bool
	rejected  bool
	rejectErr error
	completed bool
	err       error
	state     accessrequest.State
	// onComplete, if set, runs when the update completes (e.g. to look at
	// the activity calls made so far).
	onComplete func()
}

// update sends an update `at` after the start (several updates at the same
// instant are delivered in the order they were registered).
func (h *harness) update(at time.Duration, name string, args ...any) *outcome {
	o := &outcome{name: name}
	id := fmt.Sprintf("%s-%d-%s", name, at, uuid.NewString()[:8])
	h.env.RegisterDelayedCallback(func() {
		o.sent = true
		h.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() { o.accepted = true },
			OnReject: func(err error) { o.rejected, o.rejectErr = true, err },
			OnComplete: func(res any, err error) {
				o.completed, o.err = true, err
				if err == nil {
					o.state = toState(h.t, res)
				}
				if o.onComplete != nil {
					o.onComplete()
				}
			},
		}, args...)
	}, at)
	return o
}

func (h *harness) submit(at time.Duration) *outcome { return h.update(at, accessrequest.UpdateSubmit) }

func (h *harness) decide(at time.Duration, d accessrequest.Decision) *outcome {
	return h.update(at, accessrequest.UpdateDecide, d)
}

func (h *harness) withdraw(at time.Duration, by string) *outcome {
	return h.update(at, accessrequest.UpdateWithdraw, accessrequest.Withdrawal{By: by})
}

// toState converts an update result: the test environment delivers the
// handler's return value as is; other shapes go through JSON.
func toState(t *testing.T, res any) accessrequest.State {
	t.Helper()
	switch v := res.(type) {
	case accessrequest.State:
		return v
	case *accessrequest.State:
		return *v
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	var st accessrequest.State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	return st
}

func (o *outcome) mustComplete(t *testing.T) accessrequest.State {
	t.Helper()
	if !o.sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.name)
	}
	if o.rejected {
		t.Fatalf("%s: update rejected: %v", o.name, o.rejectErr)
	}
	if !o.accepted || !o.completed {
		t.Fatalf("%s: accepted=%v completed=%v", o.name, o.accepted, o.completed)
	}
	if o.err != nil {
		t.Fatalf("%s: update failed: %v", o.name, o.err)
	}
	return o.state
}

// mustRefuse asserts the validator refused the update with errType.
func (o *outcome) mustRefuse(t *testing.T, errType string) {
	t.Helper()
	if !o.sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.name)
	}
	if !o.rejected {
		t.Fatalf("%s: expected refusal %s, got accepted=%v completed=%v state=%+v", o.name, errType, o.accepted, o.completed, o.state)
	}
	if o.accepted || o.completed {
		t.Fatalf("%s: refused update must not be accepted/completed", o.name)
	}
	if got := policy.ErrorType(o.rejectErr); got != errType {
		t.Fatalf("%s: refusal type = %q (%v), want %q", o.name, got, o.rejectErr, errType)
	}
}

// mustFail asserts the update was accepted and then failed with errType.
func (o *outcome) mustFail(t *testing.T, errType string) {
	t.Helper()
	if !o.sent || !o.accepted || !o.completed {
		t.Fatalf("%s: sent=%v accepted=%v completed=%v rejected=%v (%v)", o.name, o.sent, o.accepted, o.completed, o.rejected, o.rejectErr)
	}
	if got := policy.ErrorType(o.err); got != errType {
		t.Fatalf("%s: error type = %q (%v), want %q", o.name, got, o.err, errType)
	}
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

func templates(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Notice.Template+"→"+string(c.Notice.Audience))
	}
	return out
}

func actions(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Record.AuditAction+"|"+string(c.Record.State.Status))
	}
	return out
}

func wantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

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
