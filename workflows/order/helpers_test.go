package order_test

// Shared fixtures and the harness of the order workflow tests: the workflow
// runs in the SDK's test environment with time skipping; the real activity
// structs are registered through worker.Register and mocked by name, so a
// test fails (OnActivity panics) if the workflow calls an activity the
// worker does not register. The fakes record every attempt; the payment
// gateway is a small in-memory one keyed by idempotency key, with a ledger
// of the money it moved.

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
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const (
	ref         = "ORD-2026-000042"
	quoteNumber = "Q-2026-000042"
	docNumber   = "POE-2026-000007"
	day         = 24 * time.Hour

	// Card tokens of the fake gateway.
	tokApproved = "tok_visa"
	tokDeclined = "tok_declined" // authorize declines: insufficient_funds
	tokOutage   = "tok_outage"   // the first outageAttempts authorize calls fail (retryable)
	tokOther    = "tok_mastercard"
	// tokCaptureDeclined: authorize approves, capture declines (do_not_honor).
	tokCaptureDeclined = "tok_capture_declined"

	declineCode   = "insufficient_funds"
	declineReason = "insufficient funds"
	// outageAttempts: authorize with tokOutage fails this many times, the
	// first after the gateway acted (the reply was lost), then succeeds.
	outageAttempts = 2
)

var (
	buyer = order.Person{ID: 2, Email: "bob@acme.example.com", Name: "Bob Baker"}
	ops   = order.Person{ID: 31, Email: "ops@ibm.example.com", Name: "Olga Ops"}
	total = usd(6_259_930)
)

func usd(minor int64) models.Money { return models.Money{Minor: minor, Currency: "USD"} }

func orderInput() order.Input {
	return order.Input{
		Reference: ref, SiteID: 1, SiteNumber: "300001", CustomerID: 1, CustomerNumber: "1000001",
		Buyer: buyer, CheckoutID: 17, Timers: order.DefaultTimers(),
	}
}

func card(token, last4 string) *models.CardOnFile {
	return &models.CardOnFile{Token: token, Brand: models.Brand("visa"), Last4: last4, ExpMonth: 12, ExpYear: 2030}
}

// cardOrder is what OpenOrder locks for an order paid by the card of token.
func cardOrder(token string) order.Opened {
	return order.Opened{Total: total, Payment: models.PaymentChoice{Method: models.PayCard, Card: card(token, "4242")},
		Quotes: []order.QuoteRef{{Number: quoteNumber, Version: 1}}}
}

// poOrder is what OpenOrder locks for an order paid by purchase order.
func poOrder() order.Opened {
	return order.Opened{Total: total, Payment: models.PaymentChoice{Method: models.PayPurchaseOrder, PONumber: "PO-77-1234"},
		Quotes: []order.QuoteRef{{Number: quoteNumber, Version: 1}}}
}

func confirmation(by order.Person) order.Decision {
	return order.Decision{By: by, Allowed: true}
}

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	Activity   string
	At         time.Time
	Attempt    int32
	Input      order.Input
	Record     order.Record
	Charge     order.Charge
	Result     order.ChargeResult
	Fulfilment order.Fulfilment
	Notice     order.NoticeRequest
	Settlement order.Settlement
	Failed     bool
}

// entry is money the gateway moved (or released): one line of its ledger.
type entry struct {
	Step      string // authorize, capture, void, refund
	Key       string
	ID        string
	PaymentID string
	Amount    models.Money
}

type fakes struct {
	mu    sync.Mutex
	calls []call
	now   func() time.Time

	// opened is what OpenOrder returns, openErr its error instead.
	opened  order.Opened
	openErr error
	// fulfilErr fails FulfilOrder.
	fulfilErr error
	// fail fails any call it returns an error for (after the gateway acted).
	fail func(c call) error

	// the gateway: results by idempotency key, the charge each key was
	// first used with, the ledger, the attempts of each key that failed.
	results map[string]order.ChargeResult
	charges map[string]order.Charge
	ledger  []entry
	outage  map[string]int
	tokens  map[string]string // authorization ID → token
	seq     int
}

func newFakes(now func() time.Time, opened order.Opened) *fakes {
	return &fakes{now: now, opened: opened, results: map[string]order.ChargeResult{}, charges: map[string]order.Charge{},
		outage: map[string]int{}, tokens: map[string]string{}}
}

// do records c; err is the activity's own outcome, f.fail may add one.
func (f *fakes) do(ctx context.Context, c call, err error) error {
	c.At, c.Attempt = f.now(), activity.GetInfo(ctx).Attempt
	f.mu.Lock()
	defer f.mu.Unlock()
	if err == nil && f.fail != nil {
		err = f.fail(c)
	}
	c.Failed = err != nil
	f.calls = append(f.calls, c)
	return err
}

func (f *fakes) OpenOrder(ctx context.Context, in order.Input) (order.Opened, error) {
	if err := f.do(ctx, call{Activity: order.ActivityOpenOrder, Input: in}, f.openErr); err != nil {
		return order.Opened{}, err
	}
	return f.opened, nil
}

func (f *fakes) RecordOrder(ctx context.Context, rec order.Record) error {
	return f.do(ctx, call{Activity: order.ActivityRecordOrder, Record: rec}, nil)
}

func (f *fakes) FulfilOrder(ctx context.Context, fl order.Fulfilment) (order.Fulfilled, error) {
	if err := f.do(ctx, call{Activity: order.ActivityFulfil, Fulfilment: fl}, f.fulfilErr); err != nil {
		return order.Fulfilled{}, err
	}
	return order.Fulfilled{DocumentNumber: docNumber}, nil
}

func (f *fakes) QueueOrderNotice(ctx context.Context, n order.NoticeRequest) error {
	return f.do(ctx, call{Activity: order.ActivityQueueOrderNotice, Notice: n}, nil)
}

func (f *fakes) SettleQuotes(ctx context.Context, s order.Settlement) error {
	return f.do(ctx, call{Activity: order.ActivitySettleQuotes, Settlement: s}, nil)
}

func (f *fakes) AuthorizePayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	return f.gateway(ctx, order.ActivityAuthorize, c)
}

func (f *fakes) CapturePayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	return f.gateway(ctx, order.ActivityCapture, c)
}

func (f *fakes) VoidPayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	return f.gateway(ctx, order.ActivityVoid, c)
}

func (f *fakes) RefundPayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	return f.gateway(ctx, order.ActivityRefund, c)
}

// gateway answers one call: the same key returns its first result (the
// same key with other parameters is refused for good); tokDeclined
// declines; tokOutage fails its first outageAttempts authorize calls with
// a retryable error, the first of them after the authorization was made.
func (f *fakes) gateway(ctx context.Context, activityName string, c order.Charge) (order.ChargeResult, error) {
	res, err := f.charge(activityName, c)
	if err := f.do(ctx, call{Activity: activityName, Charge: c, Result: res}, err); err != nil {
		return order.ChargeResult{}, err
	}
	return res, nil
}

func (f *fakes) charge(activityName string, c order.Charge) (order.ChargeResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	outage := activityName == order.ActivityAuthorize && c.Token == tokOutage
	if outage {
		f.outage[c.Key]++
	}
	if first, ok := f.charges[c.Key]; ok {
		if first != c {
			return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": idempotency key reused with other parameters", policy.ErrKeyReused, nil)
		}
		if outage && f.outage[c.Key] <= outageAttempts {
			return order.ChargeResult{}, fmt.Errorf("%s: gateway unavailable (attempt %d)", c.Key, f.outage[c.Key])
		}
		return f.results[c.Key], nil
	}
	var res order.ChargeResult
	step := ""
	switch activityName {
	case order.ActivityAuthorize:
		if c.Token == tokDeclined {
			res = order.ChargeResult{DeclineCode: declineCode, DeclineReason: declineReason}
			break
		}
		step, res.ID = "authorize", f.newID("auth")
		f.tokens[res.ID] = c.Token
	case order.ActivityCapture:
		if !f.inLedger("authorize", c.PaymentID) {
			return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": no such authorization", policy.ErrNotFound, nil)
		}
		if f.tokens[c.PaymentID] == tokCaptureDeclined {
			res = order.ChargeResult{DeclineCode: "do_not_honor", DeclineReason: "the issuer declined the capture"}
			break
		}
		step, res.ID = "capture", f.newID("cap")
	case order.ActivityVoid:
		if !f.inLedger("authorize", c.PaymentID) {
			return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": no such authorization", policy.ErrNotFound, nil)
		}
		step, res.ID = "void", c.PaymentID
	case order.ActivityRefund:
		if !f.inLedger("capture", c.PaymentID) {
			return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": no such capture", policy.ErrNotFound, nil)
		}
		step, res.ID = "refund", f.newID("re")
	}
	f.charges[c.Key], f.results[c.Key] = c, res
	if step != "" {
		f.ledger = append(f.ledger, entry{Step: step, Key: c.Key, ID: res.ID, PaymentID: c.PaymentID, Amount: c.Amount})
	}
	if outage {
		return order.ChargeResult{}, fmt.Errorf("%s: gateway timed out (the reply was lost)", c.Key)
	}
	return res, nil
}

func (f *fakes) newID(prefix string) string {
	f.seq++
	return fmt.Sprintf("%s_%03d", prefix, f.seq)
}

func (f *fakes) inLedger(step, id string) bool {
	return slices.ContainsFunc(f.ledger, func(e entry) bool { return e.Step == step && e.ID == id })
}

// all returns the calls of an activity, failed attempts included.
func (f *fakes) all(name string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Activity == name {
			out = append(out, c)
		}
	}
	return out
}

// ok returns the calls of an activity that succeeded.
func (f *fakes) ok(name string) []call {
	var out []call
	for _, c := range f.all(name) {
		if !c.Failed {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakes) writes() []call  { return f.ok(order.ActivityRecordOrder) }
func (f *fakes) notices() []call { return f.ok(order.ActivityQueueOrderNotice) }

// gatewayCalls counts the calls of every gateway activity.
func (f *fakes) gatewayCalls() int {
	n := 0
	for _, a := range []string{order.ActivityAuthorize, order.ActivityCapture, order.ActivityVoid, order.ActivityRefund} {
		n += len(f.all(a))
	}
	return n
}

// entries returns the ledger's entries of step.
func (f *fakes) entries(step string) []entry {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []entry
	for _, e := range f.ledger {
		if e.Step == step {
			out = append(out, e)
		}
	}
	return out
}

// notReady is OpenOrder's refusal of a checkout that cannot become an
// order, as the activity raises it.
func notReady(reasons ...string) error {
	return temporal.NewNonRetryableApplicationError("the checkout cannot be ordered", order.ErrNotReady, nil, reasons)
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

type harness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment
	f   *fakes
	in  order.Input

	saMu sync.Mutex
	sa   []temporal.SearchAttributes
}

func newHarness(t *testing.T, in order.Input, opened order.Opened) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger())
	h := &harness{t: t, env: s.NewTestWorkflowEnvironment(), in: in}
	h.f = newFakes(h.env.Now, opened)
	worker.Register(h.env, activities.Deps{})
	for name, fn := range map[string]any{
		order.ActivityOpenOrder:        h.f.OpenOrder,
		order.ActivityRecordOrder:      h.f.RecordOrder,
		order.ActivityAuthorize:        h.f.AuthorizePayment,
		order.ActivityCapture:          h.f.CapturePayment,
		order.ActivityVoid:             h.f.VoidPayment,
		order.ActivityRefund:           h.f.RefundPayment,
		order.ActivityFulfil:           h.f.FulfilOrder,
		order.ActivityQueueOrderNotice: h.f.QueueOrderNotice,
		order.ActivitySettleQuotes:     h.f.SettleQuotes,
	} {
		h.env.OnActivity(name, mock.Anything, mock.Anything).Return(fn)
	}
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: order.WorkflowID(in.Reference), TaskQueue: "test"})
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		h.saMu.Lock()
		defer h.saMu.Unlock()
		h.sa = append(h.sa, args.Get(0).(temporal.SearchAttributes))
	}).Return(nil)
	return h
}

// start runs the workflow to its end (submitting it at once, as the API's
// update-with-start does) and returns the submit's outcome.
func (h *harness) start() *outcome {
	h.t.Helper()
	submit := h.update(0, order.UpdateSubmit)
	h.env.ExecuteWorkflow(order.WorkflowName, h.in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
	return submit
}

// run is start, with the submit answered.
func (h *harness) run() order.State {
	h.t.Helper()
	st := h.start().mustComplete(h.t)
	if st.Reference != h.in.Reference || st.Status != models.OrderSubmitted {
		h.t.Fatalf("submit answered %+v", st)
	}
	return st
}

func (h *harness) result() order.State {
	h.t.Helper()
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var st order.State
	if err := h.env.GetWorkflowResult(&st); err != nil {
		h.t.Fatalf("get result: %v", err)
	}
	return st
}

func (h *harness) query() order.State {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(order.QueryStatus)
	if err != nil {
		h.t.Fatalf("query: %v", err)
	}
	var st order.State
	if err := v.Get(&st); err != nil {
		h.t.Fatalf("decode query: %v", err)
	}
	return st
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *order.State {
	st := new(order.State)
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
	state     order.State
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

func toState(t *testing.T, res any) order.State {
	t.Helper()
	switch v := res.(type) {
	case order.State:
		return v
	case *order.State:
		return *v
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	var st order.State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("update result %T: %v", res, err)
	}
	return st
}

func (o *outcome) mustComplete(t *testing.T) order.State {
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
		t.Fatalf("%s: want refusal %s, got rejected=%v accepted=%v completed=%v err=%v", o.name, errType, o.rejected, o.accepted, o.completed, o.err)
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
		out = append(out, c.Notice.Template+"→"+c.Notice.Audience)
	}
	return out
}

// keys lists the notices' outbox keys.
func keys(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Notice.Key)
	}
	return out
}

// statuses renders writes as their statuses, with the payment step that
// led to each in brackets: "submitted[authorize]".
func statuses(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		s := string(c.Record.State.Status)
		if ev := c.Record.Event; ev != nil {
			s += "[" + ev.Step + "]"
		}
		out = append(out, s)
	}
	return out
}

// chargeKeys lists the idempotency keys of calls.
func chargeKeys(cs []call) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Charge.Key)
	}
	return out
}

func wantSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// wantSet compares got and want as sets: notices queued together run
// concurrently, in no fixed order.
func wantSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatalf("%s (in any order):\n got  %q\n want %q", what, got, want)
	}
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

// asJSON renders v for comparing states that crossed a data converter.
func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
