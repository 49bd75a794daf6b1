package quote_test

// Shared fixtures and the harness of the quote workflow tests: the workflow
// runs in the SDK's test environment with time skipping; the real activity
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
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

const (
	number   = "Q-2026-000042"
	repEmail = "sales@ibm.example.com"
	bobEmail = "bob@acme.example.com"
	day      = 24 * time.Hour
	// the retry policy of the workflow's database activities starts at 200ms;
	// a callback 100ms after a failed attempt lands while it waits to retry.
	inRetryBackoff = 100 * time.Millisecond
)

var (
	rep       = quote.Person{ID: 21, Email: repEmail, Name: "Samuel Hartono"}
	requester = quote.Person{ID: 2, Email: bobEmail, Name: "Bob Baker"}
	dave      = quote.Person{ID: 4, Email: "dave@acme.example.com"}
	db2       = models.QuoteItem{ProductID: 1, PartNumber: "D0R4ZLL", Description: "IBM Db2 Advanced Edition", Quantity: 4}
	mq        = models.QuoteItem{ProductID: 13, PartNumber: "D0MQ1LL", Description: "IBM MQ Advanced", Quantity: 100}
)

func salesInput() quote.Input {
	return quote.Input{
		QuoteNumber: number, Kind: models.QuoteSales, SiteID: 1, SiteNumber: "300001", CustomerID: 1,
		CustomerNumber: "1000001", Currency: "USD", Requester: &requester, Rep: rep,
		Note: "for the Austin cluster", Lines: []models.QuoteItem{db2, mq}, Timers: quote.DefaultTimers(),
	}
}

func usd(minor int64) models.Money { return models.Money{Minor: minor, Currency: "USD"} }

// priced is the rep's issue of items at list prices with a discount.
func priced(by quote.Person, days int, discountBP int, items ...models.QuoteItem) quote.Issue {
	is := quote.Issue{By: by, ValidityDays: days}
	for _, it := range items {
		unit := usd(1_071_600)
		if it.ProductID == mq.ProductID {
			unit = usd(23_030)
		}
		is.Lines = append(is.Lines, quote.IssueLine{QuoteItem: it, Unit: unit, DiscountBP: discountBP})
	}
	return is
}

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	Activity string
	At       time.Time
	Attempt  int32
	Record   quote.Record
	Notice   quote.NoticeRequest
	Failed   bool
}

type fakes struct {
	mu    sync.Mutex
	calls []call
	fail  func(c call) error
	now   func() time.Time
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

func (f *fakes) RecordQuote(ctx context.Context, rec quote.Record) error {
	return f.do(ctx, call{Activity: quote.ActivityRecordQuote, Record: rec})
}

func (f *fakes) QueueQuoteNotice(ctx context.Context, n quote.NoticeRequest) error {
	return f.do(ctx, call{Activity: quote.ActivityQueueQuoteNotice, Notice: n})
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

func (f *fakes) writes() []call  { return f.ok(quote.ActivityRecordQuote) }
func (f *fakes) notices() []call { return f.ok(quote.ActivityQueueQuoteNotice) }

// permanent is a write PostgreSQL refuses for good, as the activities
// report it.
func permanent() error {
	return temporal.NewNonRetryableApplicationError("record quote: data exception (SQLSTATE 22021)", policy.ErrDataException, nil)
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

type harness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment
	f   *fakes
	in  quote.Input

	saMu sync.Mutex
	sa   []temporal.SearchAttributes
}

func newHarness(t *testing.T, in quote.Input) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger())
	h := &harness{t: t, env: s.NewTestWorkflowEnvironment(), f: &fakes{}, in: in}
	h.f.now = h.env.Now
	worker.Register(h.env, activities.Deps{})
	h.env.OnActivity(quote.ActivityRecordQuote, mock.Anything, mock.Anything).Return(h.f.RecordQuote)
	h.env.OnActivity(quote.ActivityQueueQuoteNotice, mock.Anything, mock.Anything).Return(h.f.QueueQuoteNotice)
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: quote.WorkflowID(in.QuoteNumber), TaskQueue: "test"})
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		h.saMu.Lock()
		defer h.saMu.Unlock()
		h.sa = append(h.sa, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return h
}

// run runs the workflow to its end (submitting it at once, as the API's
// update-with-start does).
func (h *harness) run() {
	h.t.Helper()
	h.update(0, quote.UpdateSubmit)
	h.env.ExecuteWorkflow(quote.WorkflowName, h.in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
}

func (h *harness) result() quote.State {
	h.t.Helper()
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var st quote.State
	if err := h.env.GetWorkflowResult(&st); err != nil {
		h.t.Fatalf("get result: %v", err)
	}
	return st
}

func (h *harness) query() quote.State {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(quote.QueryStatus)
	if err != nil {
		h.t.Fatalf("query: %v", err)
	}
	var st quote.State
	if err := v.Get(&st); err != nil {
		h.t.Fatalf("decode query: %v", err)
	}
	return st
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *quote.State {
	st := new(quote.State)
	h.env.RegisterDelayedCallback(func() { *st = h.query() }, at)
	return st
}

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
	state     quote.State
}

// update sends an update `at` after the start (updates at the same instant
// are delivered in the order they were registered).
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
			},
		}, args...)
	}, at)
	return o
}

func (h *harness) issue(at time.Duration, is quote.Issue) *outcome {
	return h.update(at, quote.UpdateIssue, is)
}

func (h *harness) change(at time.Duration, cr quote.ChangeRequest) *outcome {
	return h.update(at, quote.UpdateRequestChange, cr)
}

func toState(t *testing.T, res any) quote.State {
	t.Helper()
	switch v := res.(type) {
	case quote.State:
		return v
	case *quote.State:
		return *v
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	var st quote.State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	return st
}

func (o *outcome) mustComplete(t *testing.T) quote.State {
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

// templates renders notices as "template→audience".
func templates(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Notice.Template+"→"+string(c.Notice.Audience))
	}
	return out
}

// statuses renders writes as "status/vN".
func statuses(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s/v%d", c.Record.State.Status, c.Record.State.Version))
	}
	return out
}

func wantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// keys lists the notices' outbox keys.
func keys(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Notice.Key)
	}
	return out
}

// refusedField is the field a refusal names in its details.
func refusedField(t *testing.T, err error) string {
	t.Helper()
	var app *temporal.ApplicationError
	var field string
	if !errors.As(err, &app) || !app.HasDetails() || app.Details(&field) != nil {
		return ""
	}
	return field
}
