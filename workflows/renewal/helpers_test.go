package renewal_test

// Shared fixtures and the harness of the renewal workflow tests: the
// workflow runs in the SDK's test environment with time skipping (the 130
// days of a calendar run in milliseconds); the real activity structs are
// registered through worker.Register and mocked by name, so a test fails
// (OnActivity panics) if the workflow calls an activity the worker does
// not register. The renewal quote, a child workflow, is mocked by name
// (mockQuote) or is the real quote workflow with its activities mocked
// (realQuote).

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
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

const (
	siteNumber     = "300001"
	customerNumber = "1000001"
	quoteNumber    = "RQ-2027-000042"
	day            = 24 * time.Hour
	partnerName    = "Northgate Software Partners Ltd"
)

var (
	due        = time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	alice      = renewal.Person{ID: 1, Email: "alice@acme.example.com", Name: "Alice Anderson"} // the Primary
	bob        = renewal.Person{ID: 2, Email: "bob@acme.example.com", Name: "Bob Baker"}        // the renewal contact
	rini       = renewal.Person{ID: 22, Email: "renewals@ibm.example.com", Name: "Rini Kusuma"} // the renewal rep
	renewalRep = quote.Person{ID: rini.ID, Email: rini.Email, Name: rini.Name}
	db2        = models.QuoteItem{ProductID: 2, PartNumber: "E0R50LL", Description: "IBM Db2 Advanced Edition Annual SW Subscription & Support Renewal", Quantity: 16}
)

// before is the moment d before the due date.
func before(d time.Duration) time.Time { return due.Add(-d) }

func renewalInput() renewal.Input {
	return renewal.Input{
		SiteID: 1, SiteNumber: siteNumber, CustomerID: 1, CustomerNumber: customerNumber,
		DueDate: due, Offsets: models.DefaultRenewalOffsets(),
	}
}

func usd(minor int64) models.Money { return models.Money{Minor: minor, Currency: "USD"} }

// preparedQuote is what PrepareRenewalQuote answers: the renewal quote of
// the Db2 S&S due, priced, for the renewal rep, valid until the due date.
func preparedQuote(in renewal.Input) quote.Input {
	return quote.Input{
		QuoteNumber: quoteNumber, Kind: models.QuoteRenewal, SiteID: in.SiteID, SiteNumber: in.SiteNumber,
		CustomerID: in.CustomerID, CustomerNumber: in.CustomerNumber, Currency: "USD", Rep: renewalRep,
		Lines:  []models.QuoteItem{db2},
		Issue:  &quote.Issue{ValidUntil: in.DueDate, Lines: []quote.IssueLine{{QuoteItem: db2, Unit: usd(214_320)}}},
		Timers: quote.Timers{RemindBefore: in.QuoteRemindBefore},
	}
}

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// ---------------------------------------------------------------------------
// Fake activities and the mocked renewal quote: every attempt (failed ones
// included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	Activity    string
	At          time.Time
	Attempt     int32
	Record      renewal.Record
	Notice      renewal.NoticeRequest
	Input       renewal.Input
	QuoteRecord quote.Record
	QuoteNotice quote.NoticeRequest
	Failed      bool
}

// child is a renewal quote the workflow started.
type child struct {
	At    time.Time
	ID    string
	Input quote.Input
}

type fakes struct {
	mu       sync.Mutex
	calls    []call
	children []child
	now      func() time.Time
	// fail fails any call it returns an error for.
	fail func(c call) error
	// prepare answers PrepareRenewalQuote (default: preparedQuote).
	prepare func(in renewal.Input) (quote.Input, error)
}

func (f *fakes) do(ctx context.Context, c call) error {
	c.At, c.Attempt = f.now(), activity.GetInfo(ctx).Attempt
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

func (f *fakes) RecordRenewal(ctx context.Context, rec renewal.Record) error {
	return f.do(ctx, call{Activity: renewal.ActivityRecordRenewal, Record: rec})
}

func (f *fakes) QueueRenewalNotice(ctx context.Context, n renewal.NoticeRequest) error {
	return f.do(ctx, call{Activity: renewal.ActivityQueueRenewalNotice, Notice: n})
}

func (f *fakes) PrepareRenewalQuote(ctx context.Context, in renewal.Input) (quote.Input, error) {
	if err := f.do(ctx, call{Activity: renewal.ActivityPrepareRenewalQuote, Input: in}); err != nil {
		return quote.Input{}, err
	}
	if f.prepare != nil {
		return f.prepare(in)
	}
	return preparedQuote(in), nil
}

func (f *fakes) RecordQuote(ctx context.Context, rec quote.Record) error {
	return f.do(ctx, call{Activity: quote.ActivityRecordQuote, QuoteRecord: rec})
}

func (f *fakes) QueueQuoteNotice(ctx context.Context, n quote.NoticeRequest) error {
	return f.do(ctx, call{Activity: quote.ActivityQueueQuoteNotice, QuoteNotice: n})
}

// Quote is the mocked renewal quote: it records its start and ends (the
// real one lives on its own until the due date).
func (f *fakes) Quote(ctx workflow.Context, in quote.Input) (quote.State, error) {
	f.mu.Lock()
	f.children = append(f.children, child{At: workflow.Now(ctx), ID: workflow.GetInfo(ctx).WorkflowExecution.ID, Input: in})
	f.mu.Unlock()
	return quote.State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteOpen, Version: 1}, nil
}

func (f *fakes) ok(name string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if !c.Failed && c.Activity == name {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakes) writes() []call   { return f.ok(renewal.ActivityRecordRenewal) }
func (f *fakes) notices() []call  { return f.ok(renewal.ActivityQueueRenewalNotice) }
func (f *fakes) prepares() []call { return f.ok(renewal.ActivityPrepareRenewalQuote) }

func (f *fakes) started() []child {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.children)
}

// permanent is a failure retrying cannot cure, as the activities report it.
func permanent(errType string) error {
	return temporal.NewNonRetryableApplicationError("refused for good", errType, nil)
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

type harness struct {
	t     *testing.T
	env   *testsuite.TestWorkflowEnvironment
	f     *fakes
	in    renewal.Input
	start time.Time

	saMu sync.Mutex
	sa   []temporal.SearchAttributes
}

// newHarness starts the renewal at start, its quote mocked.
func newHarness(t *testing.T, in renewal.Input, start time.Time) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger())
	h := &harness{t: t, env: s.NewTestWorkflowEnvironment(), f: &fakes{}, in: in, start: start}
	h.f.now = h.env.Now
	h.env.SetStartTime(start)
	worker.Register(h.env, activities.Deps{})
	h.env.OnActivity(renewal.ActivityRecordRenewal, mock.Anything, mock.Anything).Return(h.f.RecordRenewal)
	h.env.OnActivity(renewal.ActivityPrepareRenewalQuote, mock.Anything, mock.Anything).Return(h.f.PrepareRenewalQuote)
	h.env.OnActivity(renewal.ActivityQueueRenewalNotice, mock.Anything, mock.Anything).Return(h.f.QueueRenewalNotice)
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: renewal.WorkflowID(in.SiteNumber, in.DueDate), TaskQueue: "test"})
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		h.saMu.Lock()
		defer h.saMu.Unlock()
		h.sa = append(h.sa, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return h
}

// mockQuote replaces the renewal quote workflow by fakes.Quote.
func (h *harness) mockQuote() *harness {
	h.env.OnWorkflow(quote.WorkflowName, mock.Anything, mock.Anything).Return(h.f.Quote)
	return h
}

// realQuote runs the real quote workflow as the renewal quote, its
// activities mocked.
func (h *harness) realQuote() *harness {
	h.env.OnActivity(quote.ActivityRecordQuote, mock.Anything, mock.Anything).Return(h.f.RecordQuote)
	h.env.OnActivity(quote.ActivityQueueQuoteNotice, mock.Anything, mock.Anything).Return(h.f.QueueQuoteNotice)
	return h
}

// run runs the workflow to its end.
func (h *harness) run() {
	h.t.Helper()
	h.env.ExecuteWorkflow(renewal.WorkflowName, h.in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
}

func (h *harness) result() renewal.State {
	h.t.Helper()
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var st renewal.State
	if err := h.env.GetWorkflowResult(&st); err != nil {
		h.t.Fatalf("get result: %v", err)
	}
	return st
}

func (h *harness) query() renewal.State {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(renewal.QueryStatus)
	if err != nil {
		h.t.Fatalf("query: %v", err)
	}
	var st renewal.State
	if err := v.Get(&st); err != nil {
		h.t.Fatalf("decode query: %v", err)
	}
	return st
}

// queryAt records the status query's answer at `at`.
func (h *harness) queryAt(at time.Time) *renewal.State {
	st := new(renewal.State)
	h.env.RegisterDelayedCallback(func() { *st = h.query() }, at.Sub(h.start))
	return st
}

// searchAttributes renders each upsert as "ProcessStatus QuoteNumber".
func (h *harness) searchAttributes() []string {
	h.saMu.Lock()
	defer h.saMu.Unlock()
	var out []string
	for _, sa := range h.sa {
		status, _ := sa.GetKeyword(temporalx.ProcessStatus)
		number, _ := sa.GetKeyword(temporalx.QuoteNumber)
		site, _ := sa.GetKeyword(temporalx.SiteNumber)
		customer, _ := sa.GetKeyword(temporalx.CustomerNumber)
		if site != siteNumber || customer != customerNumber {
			out = append(out, "missing site or customer")
			continue
		}
		out = append(out, status+" "+number)
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
	state     renewal.State
	raw       any
}

func (h *harness) callbacks(o *outcome) *testsuite.TestUpdateCallback {
	return &testsuite.TestUpdateCallback{
		OnAccept: func() { o.accepted = true },
		OnReject: func(err error) { o.rejected, o.rejectErr = true, err },
		OnComplete: func(res any, err error) {
			o.completed, o.err, o.raw = true, err, res
			if err == nil {
				o.state = toState(h.t, res)
			}
		},
	}
}

// update sends an update to the renewal at `at` (updates at the same
// instant are delivered in the order they were registered).
func (h *harness) update(at time.Time, name string, args ...any) *outcome {
	o := &outcome{name: name}
	id := fmt.Sprintf("%s-%d-%s", name, at.Unix(), uuid.NewString()[:8])
	h.env.RegisterDelayedCallback(func() {
		o.sent = true
		h.env.UpdateWorkflow(name, id, h.callbacks(o), args...)
	}, at.Sub(h.start))
	return o
}

// updateQuote sends an update to the renewal quote (the real one) at `at`.
func (h *harness) updateQuote(at time.Time, name string, args ...any) *outcome {
	o := &outcome{name: "quote " + name}
	id := fmt.Sprintf("quote-%s-%d-%s", name, at.Unix(), uuid.NewString()[:8])
	h.env.RegisterDelayedCallback(func() {
		o.sent = true
		cb := &testsuite.TestUpdateCallback{
			OnAccept: func() { o.accepted = true },
			OnReject: func(err error) { o.rejected, o.rejectErr = true, err },
			OnComplete: func(res any, err error) {
				o.completed, o.err, o.raw = true, err, res
			},
		}
		if err := h.env.UpdateWorkflowByID(quote.WorkflowID(quoteNumber), name, id, cb, args...); err != nil {
			o.rejected, o.rejectErr = true, err
		}
	}, at.Sub(h.start))
	return o
}

func toState(t *testing.T, res any) renewal.State {
	t.Helper()
	switch v := res.(type) {
	case renewal.State:
		return v
	case *renewal.State:
		return *v
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	var st renewal.State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	return st
}

func (o *outcome) mustComplete(t *testing.T) renewal.State {
	t.Helper()
	if !o.sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.name)
	}
	if o.rejected {
		t.Fatalf("%s: update rejected: %v", o.name, o.rejectErr)
	}
	if !o.accepted || !o.completed || o.err != nil {
		t.Fatalf("%s: accepted=%v completed=%v err=%v", o.name, o.accepted, o.completed, o.err)
	}
	return o.state
}

// mustRefuse asserts the validator refused the update with errType.
func (o *outcome) mustRefuse(t *testing.T, errType string) {
	t.Helper()
	if !o.sent {
		t.Fatalf("%s: update was never sent (the workflow ended first)", o.name)
	}
	if !o.rejected || o.accepted || o.completed {
		t.Fatalf("%s: want refusal %s, got rejected=%v accepted=%v completed=%v", o.name, errType, o.rejected, o.accepted, o.completed)
	}
	if got := policy.ErrorType(o.rejectErr); got != errType {
		t.Fatalf("%s: refusal type = %q (%v), want %q", o.name, got, o.rejectErr, errType)
	}
}

// refusedField is the field a refusal names in its details.
func refusedField(err error) string {
	var app *temporal.ApplicationError
	var field string
	if !errors.As(err, &app) || !app.HasDetails() || app.Details(&field) != nil {
		return ""
	}
	return field
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

// statuses renders writes as their statuses.
func statuses(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, string(c.Record.State.Status))
	}
	return out
}

// templates renders notices as "template→audience".
func templates(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Notice.Template+"→"+c.Notice.Audience)
	}
	return out
}

// keys lists the notices' outbox keys without the renewal's prefix.
func keys(cs []call) []string {
	prefix := renewal.WorkflowID(siteNumber, due) + "/"
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		k := c.Notice.Key
		if len(k) > len(prefix) && k[:len(prefix)] == prefix {
			k = k[len(prefix):]
		} else {
			k = "!" + k
		}
		out = append(out, k)
	}
	return out
}

// days renders when calls ran as days before the due date ("-90").
func days(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%+g", c.At.Sub(due).Hours()/24))
	}
	return out
}

func wantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
