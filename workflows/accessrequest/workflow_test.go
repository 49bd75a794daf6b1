package accessrequest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
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
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
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

func approve(by accessrequest.Approver, p models.Privileges) accessrequest.Decision {
	return accessrequest.Decision{Approve: true, Privileges: p, Approver: by}
}

func reject(by accessrequest.Approver, reason string) accessrequest.Decision {
	return accessrequest.Decision{Approve: false, Reason: reason, Approver: by}
}

var downloadsAndReporting = models.Privileges{Software: models.SoftwareDownloads, Reporting: models.LevelView}

// ---------------------------------------------------------------------------
// Fake activities: every call (including failed attempts) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	Activity   string
	At         time.Time // env.Now() (skipped time) at the attempt
	Attempt    int32
	WorkflowID string
	RunID      string
	Record     accessrequest.RequestRecord // RecordRequest, GrantRequest
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

func (f *fakes) of(name string) []call {
	var out []call
	for _, c := range f.ok() {
		if c.Activity == name {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakes) records() []call { return f.of(accessrequest.ActivityRecordRequest) }
func (f *fakes) grants() []call  { return f.of(accessrequest.ActivityGrantRequest) }
func (f *fakes) notices() []call { return f.of(accessrequest.ActivityQueueNotice) }

// failOnce makes the first attempt matching pred fail with a retryable error.
func (f *fakes) failOnce(pred func(c call) bool) {
	f.fail = func(c call) error {
		if c.Attempt == 1 && pred(c) {
			return errors.New("transient: database unavailable")
		}
		return nil
	}
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
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	h := &harness{t: t, env: s.NewTestWorkflowEnvironment(), f: &fakes{}, in: in}
	h.f.now = h.env.Now
	h.env.RegisterWorkflowWithOptions(accessrequest.Workflow, workflow.RegisterOptions{Name: accessrequest.WorkflowName})
	h.env.RegisterActivityWithOptions(h.f.RecordRequest, activity.RegisterOptions{Name: accessrequest.ActivityRecordRequest})
	h.env.RegisterActivityWithOptions(h.f.GrantRequest, activity.RegisterOptions{Name: accessrequest.ActivityGrantRequest})
	h.env.RegisterActivityWithOptions(h.f.QueueNotice, activity.RegisterOptions{Name: accessrequest.ActivityQueueNotice})
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
	resType   string
}

// update sends an update `at` after the start (several updates at the same
// instant are delivered in the order they were registered).
func (h *harness) update(at time.Duration, name string, arg any) *outcome {
	o := &outcome{name: name}
	id := fmt.Sprintf("%s-%d-%s", name, at, uuid.NewString()[:8])
	h.env.RegisterDelayedCallback(func() {
		o.sent = true
		h.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() { o.accepted = true },
			OnReject: func(err error) { o.rejected, o.rejectErr = true, err },
			OnComplete: func(res any, err error) {
				o.completed, o.err = true, err
				o.resType = fmt.Sprintf("%T", res)
				if err == nil {
					o.state = toState(h.t, res)
				}
			},
		}, arg)
	}, at)
	return o
}

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

func appErrType(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Type()
	}
	return ""
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
	if got := appErrType(o.rejectErr); got != errType {
		t.Fatalf("%s: refusal type = %q (%v), want %q", o.name, got, o.rejectErr, errType)
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

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func wantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !equal(got, want) {
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

// sequence renders the successful calls in order, e.g. "RecordRequest:request.submit".
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

// ---------------------------------------------------------------------------
// 1. Approval by the Primary
// ---------------------------------------------------------------------------

func TestApproveByPrimary(t *testing.T) {
	h := newHarness(t, nominationInput())
	var duringWait accessrequest.State
	h.env.RegisterDelayedCallback(func() { duringWait = h.query() }, 30*time.Minute)
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	// The update: accepted, returns the approved, finalized state.
	got := dec.mustComplete(t)
	t.Logf("update result delivered as %s", dec.resType)
	if got.Status != models.StatusApproved || !got.Finalized {
		t.Fatalf("update state = %+v, want approved and finalized", got)
	}
	if got.Granted == nil || *got.Granted != downloadsAndReporting {
		t.Fatalf("update state granted = %v, want %+v", got.Granted, downloadsAndReporting)
	}
	if got.DecidedBy != primaryEmail {
		t.Fatalf("decided by = %q", got.DecidedBy)
	}
	if duringWait.Status != models.StatusPending {
		t.Fatalf("status before the decision = %q", duringWait.Status)
	}

	// The activity sequence.
	wantSeq(t, "activity sequence", sequence(h.f.ok()), []string{
		"RecordRequest:request.submit",
		"QueueNotice:request_new",
		"GrantRequest:",
		"RecordRequest:request.approve",
		"QueueNotice:request_approved",
	})
	grants := h.f.grants()
	if len(grants) != 1 {
		t.Fatalf("GrantRequest called %d times", len(grants))
	}
	g := grants[0].Record
	if g.State.Status != models.StatusApproved || g.State.Granted == nil || *g.State.Granted != downloadsAndReporting || g.Actor != primaryEmail {
		t.Fatalf("GrantRequest got %+v", g)
	}
	recs := h.f.records()
	last := recs[len(recs)-1].Record
	if last.AuditAction != "request.approve" || last.State.Status != models.StatusApproved || last.Actor != primaryEmail || !last.State.Finalized {
		t.Fatalf("final RecordRequest = %+v", last)
	}
	if first := recs[0].Record; first.AuditAction != "request.submit" || first.State.Status != models.StatusPending || first.Actor != requesterEmail {
		t.Fatalf("first RecordRequest = %+v", first)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"request_new→approvers",
		"request_approved→requester",
	})
	if n := h.noticeWith("request_reminder"); len(n) != 0 {
		t.Fatalf("a reminder was sent although the decision came at 1h: %+v", n)
	}
	if at := h.f.grants()[0].At.Sub(recs[0].At); at != time.Hour {
		t.Fatalf("grant happened %v after the start, want 1h", at)
	}

	// The result and the final query.
	st := h.result()
	if st.Status != models.StatusApproved || !st.Finalized || st.Granted == nil || *st.Granted != downloadsAndReporting || st.Reminded || st.Escalated {
		t.Fatalf("workflow result = %+v", st)
	}
	if q := h.query(); q.Status != models.StatusApproved {
		t.Fatalf("query after completion = %+v", q)
	}

	// Search attributes: customer, site and the status as it moves.
	h.saMu.Lock()
	defer h.saMu.Unlock()
	if len(h.sa) != 2 {
		t.Fatalf("search attribute upserts = %d, want 2 (submit, approve)", len(h.sa))
	}
	var statuses []string
	for _, sa := range h.sa {
		if v, _ := sa.GetKeyword(temporalx.CustomerNumber); v != "1000001" {
			t.Fatalf("CustomerNumber = %q", v)
		}
		if v, _ := sa.GetKeyword(temporalx.SiteNumber); v != "300001" {
			t.Fatalf("SiteNumber = %q", v)
		}
		v, _ := sa.GetKeyword(temporalx.ProcessStatus)
		statuses = append(statuses, v)
	}
	wantSeq(t, "ProcessStatus upserts", statuses, []string{"pending", "approved"})
}

// ---------------------------------------------------------------------------
// 2. Rejection
// ---------------------------------------------------------------------------

func TestRejectWithReason(t *testing.T) {
	h := newHarness(t, nominationInput())
	dec := h.decide(time.Hour, reject(primary(), "not an employee"))
	h.run()

	got := dec.mustComplete(t)
	if got.Status != models.StatusRejected || got.DecisionReason != "not an employee" || got.Granted != nil {
		t.Fatalf("update state = %+v", got)
	}
	if g := h.f.grants(); len(g) != 0 {
		t.Fatalf("GrantRequest called on a rejection: %+v", g)
	}
	wantSeq(t, "records", actions(h.f.records()), []string{"request.submit|pending", "request.reject|rejected"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_rejected→requester"})
	if n := h.noticeWith("request_rejected")[0].Notice; n.State.DecisionReason != "not an employee" {
		t.Fatalf("rejection notice lacks the reason: %+v", n.State)
	}
	st := h.result()
	if st.Status != models.StatusRejected || !st.Finalized || st.DecidedBy != primaryEmail {
		t.Fatalf("result = %+v", st)
	}
}

func TestRejectWithoutReasonIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	bad := h.decide(time.Hour, reject(primary(), ""))
	var afterRefusal accessrequest.State
	var callsAfterRefusal int
	h.env.RegisterDelayedCallback(func() {
		afterRefusal = h.query()
		callsAfterRefusal = len(h.f.all())
	}, 2*time.Hour)
	good := h.decide(3*time.Hour, reject(primary(), "duplicate request"))
	h.run()

	bad.mustRefuse(t, accessrequest.ErrInvalidDecision)
	if afterRefusal.Status != models.StatusPending || afterRefusal.DecidedBy != "" || afterRefusal.Finalized {
		t.Fatalf("state after the refused rejection = %+v", afterRefusal)
	}
	if callsAfterRefusal != 2 { // submit record + request_new notice only
		t.Fatalf("activity calls after the refusal = %d, want 2", callsAfterRefusal)
	}
	if st := good.mustComplete(t); st.Status != models.StatusRejected || st.DecisionReason != "duplicate request" {
		t.Fatalf("later valid decision = %+v", st)
	}
	if st := h.result(); st.Status != models.StatusRejected {
		t.Fatalf("result = %+v", st)
	}
}

// ---------------------------------------------------------------------------
// 3. Exactly one decision counts
// ---------------------------------------------------------------------------

func TestSecondDecisionIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	// Two approvers decide at the same instant: the second arrives while the
	// first is still granting and recording.
	first := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	second := h.decide(time.Hour, reject(manager(), "too late"))
	h.run()

	if st := first.mustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("first decision = %+v", st)
	}
	second.mustRefuse(t, accessrequest.ErrAlreadyDecided)
	if len(h.f.grants()) != 1 {
		t.Fatalf("GrantRequest called %d times", len(h.f.grants()))
	}
	st := h.result()
	if st.Status != models.StatusApproved || st.DecidedBy != primaryEmail || st.DecisionReason != "" {
		t.Fatalf("result = %+v (the first decision must stand)", st)
	}
	if n := h.noticeWith("request_rejected"); len(n) != 0 {
		t.Fatalf("the refused rejection was notified: %+v", n)
	}
}

// ---------------------------------------------------------------------------
// 4. Who may decide
// ---------------------------------------------------------------------------

func TestDecisionByNonApproverIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	user := accessrequest.Approver{Email: userEmail, Privileges: models.Privileges{
		Software: models.SoftwareFull, ManageAccess: models.LevelView, // view is not enough
	}}
	byUser := h.decide(time.Hour, approve(user, downloadsAndReporting))
	byUserReject := h.decide(2*time.Hour, reject(user, "no"))
	// The requester, even holding Primary-like privileges, cannot decide.
	self := accessrequest.Approver{Email: requesterEmail, IsPrimary: true, Privileges: models.PrimaryPrivileges}
	bySelf := h.decide(3*time.Hour, approve(self, downloadsAndReporting))
	anonymous := h.decide(4*time.Hour, approve(accessrequest.Approver{IsPrimary: true, Privileges: models.PrimaryPrivileges}, downloadsAndReporting))
	good := h.decide(5*time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareDownloads}))
	h.run()

	byUser.mustRefuse(t, accessrequest.ErrNotApprover)
	byUserReject.mustRefuse(t, accessrequest.ErrNotApprover)
	bySelf.mustRefuse(t, accessrequest.ErrNotApprover)
	anonymous.mustRefuse(t, accessrequest.ErrNotApprover)
	if st := good.mustComplete(t); st.Status != models.StatusApproved || st.DecidedBy != managerEmail {
		t.Fatalf("valid decision after refusals = %+v", st)
	}
	wantSeq(t, "activity sequence", sequence(h.f.ok()), []string{
		"RecordRequest:request.submit", "QueueNotice:request_new",
		"GrantRequest:", "RecordRequest:request.approve", "QueueNotice:request_approved",
	})
}

// ---------------------------------------------------------------------------
// 5. Grant limits
// ---------------------------------------------------------------------------

func TestGrantAboveOwnLevelIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	aboveOwn := h.decide(time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareFull}))
	manageAccess := h.decide(2*time.Hour, approve(manager(), models.Privileges{Software: models.SoftwareDownloads, ManageAccess: models.LevelView}))
	contactUpdate := h.decide(3*time.Hour, approve(manager(), models.Privileges{ContactUpdate: models.LevelView}))
	nothing := h.decide(4*time.Hour, approve(primary(), models.Privileges{}))
	outOfRange := h.decide(5*time.Hour, approve(primary(), models.Privileges{Software: 9}))
	negative := h.decide(6*time.Hour, approve(primary(), models.Privileges{Reporting: -1, Software: 1}))
	var before accessrequest.State
	h.env.RegisterDelayedCallback(func() { before = h.query() }, 7*time.Hour)
	// The manager may grant up to their own levels (not manage/contact).
	within := h.decide(8*time.Hour, approve(manager(), downloadsAndReporting))
	h.run()

	aboveOwn.mustRefuse(t, accessrequest.ErrAboveOwnLevel)
	manageAccess.mustRefuse(t, accessrequest.ErrAboveOwnLevel)
	contactUpdate.mustRefuse(t, accessrequest.ErrAboveOwnLevel)
	nothing.mustRefuse(t, accessrequest.ErrInvalidDecision)
	outOfRange.mustRefuse(t, accessrequest.ErrInvalidDecision)
	negative.mustRefuse(t, accessrequest.ErrInvalidDecision)
	if before.Status != models.StatusPending || before.Granted != nil {
		t.Fatalf("state after refusals = %+v", before)
	}
	st := within.mustComplete(t)
	if st.Granted == nil || *st.Granted != downloadsAndReporting {
		t.Fatalf("granted = %v", st.Granted)
	}
	if len(h.f.grants()) != 1 || *h.f.grants()[0].Record.State.Granted != downloadsAndReporting {
		t.Fatalf("grants = %+v", h.f.grants())
	}
}

func TestPrimaryMayGrantManageAccess(t *testing.T) {
	h := newHarness(t, nominationInput())
	p := models.Privileges{Software: models.SoftwareFull, ManageAccess: models.LevelUpdate, ContactUpdate: models.LevelUpdate}
	dec := h.decide(time.Hour, approve(primary(), p))
	h.run()
	if st := dec.mustComplete(t); st.Granted == nil || *st.Granted != p {
		t.Fatalf("state = %+v", st)
	}
}

// ---------------------------------------------------------------------------
// 6. Withdrawal
// ---------------------------------------------------------------------------

func TestWithdrawByRequester(t *testing.T) {
	h := newHarness(t, nominationInput())
	bySomeoneElse := h.withdraw(30*time.Minute, primaryEmail)
	byNobody := h.withdraw(40*time.Minute, "")
	var before accessrequest.State
	h.env.RegisterDelayedCallback(func() { before = h.query() }, 50*time.Minute)
	wd := h.withdraw(time.Hour, requesterEmail)
	// Arrive while the withdrawal is being recorded.
	lateDecision := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	lateWithdraw := h.withdraw(time.Hour, requesterEmail)
	h.run()

	bySomeoneElse.mustRefuse(t, accessrequest.ErrNotRequester)
	byNobody.mustRefuse(t, accessrequest.ErrNotRequester)
	if before.Status != models.StatusPending {
		t.Fatalf("state after refused withdrawals = %+v", before)
	}
	got := wd.mustComplete(t)
	if got.Status != models.StatusWithdrawn || !got.Finalized {
		t.Fatalf("withdraw update state = %+v", got)
	}
	lateDecision.mustRefuse(t, accessrequest.ErrAlreadyDecided)
	lateWithdraw.mustRefuse(t, accessrequest.ErrAlreadyDecided)

	wantSeq(t, "records", actions(h.f.records()), []string{"request.submit|pending", "request.withdraw|withdrawn"})
	if last := h.f.records()[1].Record; last.Actor != requesterEmail {
		t.Fatalf("withdraw actor = %q", last.Actor)
	}
	if len(h.f.grants()) != 0 {
		t.Fatalf("GrantRequest called on a withdrawal")
	}
	for _, n := range h.f.notices() {
		if n.Notice.Audience == accessrequest.AudienceRequester {
			t.Fatalf("the requester was emailed about their own withdrawal: %+v", n.Notice)
		}
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers"})
	if st := h.result(); st.Status != models.StatusWithdrawn || !st.Finalized {
		t.Fatalf("result = %+v", st)
	}
}

// ---------------------------------------------------------------------------
// 7. Reminder, escalation, expiry
// ---------------------------------------------------------------------------

func TestRemindEscalateExpire(t *testing.T) {
	h := newHarness(t, nominationInput())
	var at80, at170 accessrequest.State
	h.env.RegisterDelayedCallback(func() { at80 = h.query() }, 80*time.Hour)
	h.env.RegisterDelayedCallback(func() { at170 = h.query() }, 170*time.Hour)
	h.run()

	recs := h.f.records()
	t0 := recs[0].At
	wantSeq(t, "records", actions(recs), []string{
		"request.submit|pending",
		"|pending", // reminder: state only, no audit row
		"request.escalate|pending",
		"request.expire|expired",
	})
	if r := recs[1].Record.State; !r.Reminded || r.Escalated {
		t.Fatalf("reminder record state = %+v", r)
	}
	if r := recs[2].Record.State; !r.Reminded || !r.Escalated {
		t.Fatalf("escalation record state = %+v", r)
	}
	if r := recs[3].Record; r.Actor != "system" || !r.State.Finalized {
		t.Fatalf("expiry record = %+v", r)
	}

	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"request_new→approvers",
		"request_reminder→approvers",
		"request_escalated→secondaries",
		"request_expired→requester",
	})
	wantAt := map[string]time.Duration{
		"request_new": 0, "request_reminder": 72 * time.Hour,
		"request_escalated": 168 * time.Hour, "request_expired": 336 * time.Hour,
	}
	for _, n := range h.f.notices() {
		got := n.At.Sub(t0)
		want := wantAt[n.Notice.Template]
		if d := got - want; d < 0 || d > time.Minute {
			t.Errorf("%s sent at +%v, want +%v", n.Notice.Template, got, want)
		}
	}
	if len(h.f.grants()) != 0 {
		t.Fatal("GrantRequest called on expiry")
	}
	if !at80.Reminded || at80.Escalated || at80.Status != models.StatusPending {
		t.Fatalf("query at 80h = %+v", at80)
	}
	if !at170.Escalated || at170.Status != models.StatusPending {
		t.Fatalf("query at 170h = %+v", at170)
	}
	st := h.result()
	if st.Status != models.StatusExpired || !st.Finalized || !st.Reminded || !st.Escalated || st.Granted != nil {
		t.Fatalf("result = %+v", st)
	}
}

func TestDecisionAfterExpiryIsRefused(t *testing.T) {
	h := newHarness(t, nominationInput())
	// Keep the workflow open after it expired: the expiry's write fails once
	// and waits to retry; the decision arrives in that window.
	h.f.failOnce(func(c call) bool { return c.Record.AuditAction == "request.expire" })
	late := h.decide(testTimers.ExpireAfter+inRetryBackoff, approve(primary(), downloadsAndReporting))
	lateWithdraw := h.withdraw(testTimers.ExpireAfter+inRetryBackoff, requesterEmail)
	h.run()

	late.mustRefuse(t, accessrequest.ErrAlreadyDecided)
	lateWithdraw.mustRefuse(t, accessrequest.ErrAlreadyDecided)
	if !strings.Contains(late.rejectErr.Error(), "expired") {
		t.Fatalf("refusal should name the status: %v", late.rejectErr)
	}
	if len(h.f.grants()) != 0 {
		t.Fatal("GrantRequest called after expiry")
	}
	if st := h.result(); st.Status != models.StatusExpired {
		t.Fatalf("result = %+v", st)
	}
}

// ---------------------------------------------------------------------------
// 8. A decision between reminder and escalation
// ---------------------------------------------------------------------------

func TestDecisionBetweenReminderAndEscalation(t *testing.T) {
	h := newHarness(t, nominationInput())
	dec := h.decide(100*time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	st := dec.mustComplete(t)
	if st.Status != models.StatusApproved || !st.Reminded || st.Escalated {
		t.Fatalf("update state = %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"request_new→approvers", "request_reminder→approvers", "request_approved→requester",
	})
	wantSeq(t, "records", actions(h.f.records()), []string{
		"request.submit|pending", "|pending", "request.approve|approved",
	})
	if n := h.noticeWith("request_approved"); n[0].At.Sub(h.f.records()[0].At) != 100*time.Hour {
		t.Fatalf("approval notice at +%v", n[0].At.Sub(h.f.records()[0].At))
	}
	if res := h.result(); res.Status != models.StatusApproved || res.Escalated {
		t.Fatalf("result = %+v", res)
	}
}

// ---------------------------------------------------------------------------
// 9. Support access
// ---------------------------------------------------------------------------

func TestSupportAccess(t *testing.T) {
	h := newHarness(t, supportInput())
	// A site Primary without support administration may not decide (D2).
	notAdmin := h.decide(time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull, Approver: primary()})
	admin := accessrequest.Approver{Email: "stc@acme.example.com", SupportAdmin: true}
	levelNone := h.decide(2*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportNone, Approver: admin})
	levelBad := h.decide(3*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: 7, Approver: admin})
	selfAdmin := h.decide(4*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull,
		Approver: accessrequest.Approver{Email: requesterEmail, SupportAdmin: true}})
	ok := h.decide(5*time.Hour, accessrequest.Decision{Approve: true, SupportLevel: models.SupportFull, Approver: admin})
	h.run()

	notAdmin.mustRefuse(t, accessrequest.ErrNotApprover)
	levelNone.mustRefuse(t, accessrequest.ErrInvalidDecision)
	levelBad.mustRefuse(t, accessrequest.ErrInvalidDecision)
	selfAdmin.mustRefuse(t, accessrequest.ErrNotApprover)
	st := ok.mustComplete(t)
	if st.Status != models.StatusApproved || st.SupportLevel == nil || *st.SupportLevel != models.SupportFull || st.Granted != nil {
		t.Fatalf("update state = %+v", st)
	}
	grants := h.f.grants()
	if len(grants) != 1 || grants[0].Record.State.SupportLevel == nil || *grants[0].Record.State.SupportLevel != models.SupportFull {
		t.Fatalf("grants = %+v", grants)
	}
	if grants[0].WorkflowID != accessrequest.SupportAccessID("1000001", 7) {
		t.Fatalf("workflow id = %q", grants[0].WorkflowID)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_new→approvers", "request_approved→requester"})
	res := h.result()
	if res.Kind != models.KindSupportAccess || res.SupportLevel == nil || *res.SupportLevel != models.SupportFull {
		t.Fatalf("result = %+v", res)
	}
	// No site on a support request: the SiteNumber attribute is not set.
	h.saMu.Lock()
	defer h.saMu.Unlock()
	for _, sa := range h.sa {
		if _, set := sa.GetKeyword(temporalx.SiteNumber); set {
			t.Fatal("SiteNumber upserted on a support-access request")
		}
	}
}

func TestSupportAccessReject(t *testing.T) {
	h := newHarness(t, supportInput())
	admin := accessrequest.Approver{Email: "stc@acme.example.com", SupportAdmin: true}
	dec := h.decide(time.Hour, accessrequest.Decision{Approve: false, Reason: "no contract", Approver: admin})
	h.run()
	if st := dec.mustComplete(t); st.Status != models.StatusRejected || st.SupportLevel != nil {
		t.Fatalf("state = %+v", st)
	}
	if len(h.f.grants()) != 0 {
		t.Fatal("GrantRequest on rejection")
	}
}

// ---------------------------------------------------------------------------
// 10. Invalid input
// ---------------------------------------------------------------------------

func TestInvalidInputFailsNonRetryable(t *testing.T) {
	cases := map[string]func(in *accessrequest.Input){
		"timers not increasing": func(in *accessrequest.Input) {
			in.Timers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 72 * time.Hour, ExpireAfter: 336 * time.Hour}
		},
		"expiry before escalation": func(in *accessrequest.Input) {
			in.Timers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 168 * time.Hour, ExpireAfter: 100 * time.Hour}
		},
		"zero timers":             func(in *accessrequest.Input) { in.Timers = accessrequest.Timers{} },
		"missing request id":      func(in *accessrequest.Input) { in.RequestID = "" },
		"missing requester":       func(in *accessrequest.Input) { in.Requester.Email = "" },
		"missing customer":        func(in *accessrequest.Input) { in.CustomerID = 0 },
		"nomination without site": func(in *accessrequest.Input) { in.SiteID = 0 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			in := nominationInput()
			mutate(&in)
			h := newHarness(t, in)
			h.run()
			err := h.env.GetWorkflowError()
			if err == nil {
				t.Fatal("workflow succeeded on invalid input")
			}
			var app *temporal.ApplicationError
			if !errors.As(err, &app) {
				t.Fatalf("error is not an application error: %v", err)
			}
			if app.Type() != "InvalidInput" || !app.NonRetryable() {
				t.Fatalf("error type=%q nonRetryable=%v: %v", app.Type(), app.NonRetryable(), err)
			}
			if calls := h.f.all(); len(calls) != 0 {
				t.Fatalf("activities ran on invalid input: %v", sequence(calls))
			}
		})
	}
}

// ---------------------------------------------------------------------------
// 11. Outbox keys
// ---------------------------------------------------------------------------

func TestNoticeKeysUniqueAndStable(t *testing.T) {
	h := newHarness(t, nominationInput())
	// A failed attempt must be retried under the same key (the outbox
	// deduplicates on it).
	h.f.failOnce(func(c call) bool { return c.Notice.Template == "request_reminder" })
	h.run()

	wantStep := map[string]string{
		"request_new":       "notify-approvers",
		"request_reminder":  "remind-approvers",
		"request_escalated": "escalate-secondaries",
		"request_expired":   "notify-requester-expired",
	}
	seen := map[string]string{}
	for _, c := range h.f.notices() {
		k := c.Notice.Key
		if !strings.Contains(k, h.workflowID) {
			t.Errorf("key %q lacks the workflow id %q", k, h.workflowID)
		}
		step := wantStep[c.Notice.Template]
		if step == "" || !strings.HasSuffix(k, "/"+step) {
			t.Errorf("key %q of %s lacks its step %q", k, c.Notice.Template, step)
		}
		if want := c.WorkflowID + "/" + c.RunID + "/" + step; k != want {
			t.Errorf("key = %q, want %q", k, want)
		}
		if prev, dup := seen[k]; dup {
			t.Errorf("key %q used by %s and %s", k, prev, c.Notice.Template)
		}
		seen[k] = c.Notice.Template
	}
	if len(seen) != 4 {
		t.Fatalf("distinct keys = %d, want 4", len(seen))
	}
	var attempts []call
	for _, c := range h.f.all() {
		if c.Notice.Template == "request_reminder" {
			attempts = append(attempts, c)
		}
	}
	if len(attempts) != 2 || !attempts[0].Failed || attempts[1].Failed {
		t.Fatalf("reminder attempts = %+v", attempts)
	}
	if attempts[0].Notice.Key != attempts[1].Notice.Key {
		t.Fatalf("retry changed the key: %q → %q", attempts[0].Notice.Key, attempts[1].Notice.Key)
	}
}

func TestNoticeKeysDifferPerOutcome(t *testing.T) {
	keys := map[string]string{}
	for _, tc := range []struct {
		name string
		d    accessrequest.Decision
	}{
		{"approved", approve(primary(), downloadsAndReporting)},
		{"rejected", reject(primary(), "no")},
	} {
		h := newHarness(t, nominationInput())
		dec := h.decide(time.Hour, tc.d)
		h.run()
		dec.mustComplete(t)
		n := h.noticeWith("request_" + tc.name)
		if len(n) != 1 {
			t.Fatalf("%s: notices %v", tc.name, templates(h.f.notices()))
		}
		if !strings.HasSuffix(n[0].Notice.Key, "/notify-requester-"+tc.name) {
			t.Fatalf("%s key = %q", tc.name, n[0].Notice.Key)
		}
		keys[tc.name] = n[0].Notice.Key
	}
	if keys["approved"] == keys["rejected"] {
		t.Fatal("approval and rejection notices share a key")
	}
}

// ---------------------------------------------------------------------------
// 12. Status query while pending
// ---------------------------------------------------------------------------

func TestStatusQueryWhilePending(t *testing.T) {
	in := nominationInput()
	h := newHarness(t, in)
	var at10 accessrequest.State
	h.env.RegisterDelayedCallback(func() { at10 = h.query() }, 10*time.Hour)
	dec := h.decide(20*time.Hour, reject(primary(), "no"))
	h.run()
	dec.mustComplete(t)
	if at10.Status != models.StatusPending || at10.RequestID != in.RequestID || at10.Kind != models.KindNomination ||
		at10.Reminded || at10.Escalated || at10.Finalized || at10.DecidedBy != "" {
		t.Fatalf("query at 10h = %+v", at10)
	}
	if q := h.query(); q.Status != models.StatusRejected || !q.Finalized {
		t.Fatalf("query after completion = %+v", q)
	}
}

// ---------------------------------------------------------------------------
// Notices without recipients do not fail the process
// ---------------------------------------------------------------------------

func TestNoRecipientsIsNotAFailure(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.fail = func(c call) error {
		if c.Notice.Template == "request_new" {
			return temporal.NewNonRetryableApplicationError("no recipients for approvers", "NoRecipients", nil)
		}
		return nil
	}
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()
	dec.mustComplete(t)
	if st := h.result(); st.Status != models.StatusApproved {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"request_approved→requester"})
}

func TestTransientFailuresAreRetried(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool { return c.Activity == accessrequest.ActivityGrantRequest })
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()
	dec.mustComplete(t)
	var grantAttempts int
	for _, c := range h.f.all() {
		if c.Activity == accessrequest.ActivityGrantRequest {
			grantAttempts++
		}
	}
	if grantAttempts != 2 || len(h.f.grants()) != 1 {
		t.Fatalf("grant attempts = %d (ok %d), want 2 (1)", grantAttempts, len(h.f.grants()))
	}
	if st := h.result(); st.Status != models.StatusApproved {
		t.Fatalf("result = %+v", st)
	}
}

// ---------------------------------------------------------------------------
// Interleavings of a decision with the timer-driven steps
// ---------------------------------------------------------------------------

// BUG (access_request.go, remind/escalate vs. decide): this test FAILS
// against the current workflow and is left in place on purpose.
//
// remind() and escalate() run their RecordRequest and QueueNotice activities
// without re-checking w.decided, and build the RequestRecord before they
// block. A decision accepted while the reminder's write is in flight (here:
// waiting to retry after a transient database error; in production also
// simply while the activity runs) finalizes concurrently, and then the stale
// reminder write (status pending, Finalized false) lands AFTER the approval
// write. RecordRequest is an unconditional upsert, so the read model ends
// "pending" although the workflow completed "approved"; the approvers also
// get a "request_reminder" for a request that is already decided. The same
// holds for escalate() (escalation to the secondaries after a decision).
func TestDecisionDuringReminderWriteKeepsFinalRecord(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.failOnce(func(c call) bool {
		r := c.Record
		return c.Activity == accessrequest.ActivityRecordRequest && r.AuditAction == "" && r.State.Reminded
	})
	dec := h.decide(testTimers.RemindAfter+inRetryBackoff, approve(primary(), downloadsAndReporting))
	h.run()

	if st := dec.mustComplete(t); st.Status != models.StatusApproved {
		t.Fatalf("decision = %+v", st)
	}
	if st := h.result(); st.Status != models.StatusApproved {
		t.Fatalf("result = %+v", st)
	}
	recs := h.f.records()
	t.Logf("record sequence: %q", actions(recs))
	t.Logf("notice sequence: %q", templates(h.f.notices()))
	// The reminder's write was in flight when the decision came, so it may
	// land last; RecordRequest never lets a pending write replace a final
	// status (activities.Requests.RecordRequest), so apply that rule here.
	var row accessrequest.State
	for _, r := range recs {
		if st := r.Record.State; row.Status == "" || row.Status == models.StatusPending || st.Status != models.StatusPending {
			row = st
		}
	}
	if row.Status != models.StatusApproved || !row.Finalized {
		t.Errorf("the read model ends %q (finalized=%v), want approved", row.Status, row.Finalized)
	}
	approvedAt := -1
	for i, c := range h.f.notices() {
		if c.Notice.Template == "request_approved" {
			approvedAt = i
		}
		if c.Notice.Template == "request_reminder" && approvedAt >= 0 {
			t.Errorf("BUG: a reminder was queued after the request was approved (state %q)", c.Notice.State.Status)
		}
	}
}

// When GrantRequest fails non-retryably (the grant would break a rule), the
// approval cannot stand: the request ends rejected with the reason, the
// requester is told, and the workflow completes instead of waiting forever.
func TestNonRetryableGrantFailureDoesNotHang(t *testing.T) {
	h := newHarness(t, nominationInput())
	h.f.fail = func(c call) error {
		if c.Activity == accessrequest.ActivityGrantRequest {
			return temporal.NewNonRetryableApplicationError("grant refused", "GrantRefused", nil)
		}
		return nil
	}
	dec := h.decide(time.Hour, approve(primary(), downloadsAndReporting))
	h.run()

	st := dec.mustComplete(t)
	if st.Status != models.StatusRejected || st.Granted != nil || !strings.Contains(st.DecisionReason, "could not be granted") {
		t.Fatalf("decision = %+v, want rejected with the grant refusal as reason", st)
	}
	if err := h.env.GetWorkflowError(); err != nil {
		t.Fatalf("workflow error: %v", err)
	}
	if elapsed := h.env.Now().Sub(h.f.records()[0].At); elapsed > testTimers.ExpireAfter {
		t.Fatalf("workflow waited %v", elapsed)
	}
	if acts := actions(h.f.records()); !slices.Contains(acts, "request.grant_refused|rejected") {
		t.Fatalf("record actions = %q", acts)
	}
	if tpls := templates(h.f.notices()); tpls[len(tpls)-1] != "request_rejected→requester" {
		t.Fatalf("notices = %q", tpls)
	}
}
