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
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/internal/wftest"
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

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	wftest.Call
	Input      order.Input
	Record     order.Record
	Charge     order.Charge
	Result     order.ChargeResult
	Fulfilment order.Fulfilment
	Notice     order.NoticeRequest
	Settlement order.Settlement
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
	// Recorder's Fail fails any call it returns an error for (after the
	// gateway acted).
	wftest.Recorder[call, *call]
	mu sync.Mutex // the gateway's

	// opened is what OpenOrder returns, openErr its error instead.
	opened  order.Opened
	openErr error
	// fulfilErr fails FulfilOrder.
	fulfilErr error

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
	f := &fakes{opened: opened, results: map[string]order.ChargeResult{}, charges: map[string]order.Charge{},
		outage: map[string]int{}, tokens: map[string]string{}}
	f.Now = now
	return f
}

func (f *fakes) OpenOrder(ctx context.Context, in order.Input) (order.Opened, error) {
	if err := f.Do(ctx, order.ActivityOpenOrder, call{Input: in}, f.openErr); err != nil {
		return order.Opened{}, err
	}
	return f.opened, nil
}

func (f *fakes) RecordOrder(ctx context.Context, rec order.Record) error {
	return f.Do(ctx, order.ActivityRecordOrder, call{Record: rec}, nil)
}

func (f *fakes) FulfilOrder(ctx context.Context, fl order.Fulfilment) (order.Fulfilled, error) {
	if err := f.Do(ctx, order.ActivityFulfil, call{Fulfilment: fl}, f.fulfilErr); err != nil {
		return order.Fulfilled{}, err
	}
	return order.Fulfilled{DocumentNumber: docNumber}, nil
}

func (f *fakes) QueueOrderNotice(ctx context.Context, n order.NoticeRequest) error {
	return f.Do(ctx, order.ActivityQueueOrderNotice, call{Notice: n}, nil)
}

func (f *fakes) SettleQuotes(ctx context.Context, s order.Settlement) error {
	return f.Do(ctx, order.ActivitySettleQuotes, call{Settlement: s}, nil)
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
	if err := f.Do(ctx, activityName, call{Charge: c, Result: res}, err); err != nil {
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

func (f *fakes) writes() []call  { return f.OK(order.ActivityRecordOrder) }
func (f *fakes) notices() []call { return f.OK(order.ActivityQueueOrderNotice) }

// gatewayCalls counts the calls of every gateway activity.
func (f *fakes) gatewayCalls() int {
	n := 0
	for _, a := range []string{order.ActivityAuthorize, order.ActivityCapture, order.ActivityVoid, order.ActivityRefund} {
		n += len(f.All(a))
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
	sa  *wftest.SearchAttributeRecorder
	f   *fakes
	in  order.Input
}

type outcome = wftest.Outcome[order.State]

func newHarness(t *testing.T, in order.Input, opened order.Opened) *harness {
	t.Helper()
	h := &harness{t: t, env: wftest.NewEnv(), in: in}
	h.f = newFakes(h.env.Now, opened)
	worker.Register(h.env, activities.Deps{})
	wftest.MockActivities(h.env, map[string]any{
		order.ActivityOpenOrder:        h.f.OpenOrder,
		order.ActivityRecordOrder:      h.f.RecordOrder,
		order.ActivityAuthorize:        h.f.AuthorizePayment,
		order.ActivityCapture:          h.f.CapturePayment,
		order.ActivityVoid:             h.f.VoidPayment,
		order.ActivityRefund:           h.f.RefundPayment,
		order.ActivityFulfil:           h.f.FulfilOrder,
		order.ActivityQueueOrderNotice: h.f.QueueOrderNotice,
		order.ActivitySettleQuotes:     h.f.SettleQuotes,
	})
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: order.WorkflowID(in.Reference), TaskQueue: "test"})
	h.sa = wftest.RecordSearchAttributes(h.env)
	return h
}

// start runs the workflow to its end (submitting it at once, as the API's
// update-with-start does) and returns the submit's outcome.
func (h *harness) start() *outcome {
	h.t.Helper()
	submit := h.update(0, order.UpdateSubmit)
	wftest.Execute(h.t, h.env, order.WorkflowName, h.in)
	return submit
}

// run is start, with the submit answered.
func (h *harness) run() order.State {
	h.t.Helper()
	st := h.start().MustComplete(h.t)
	if st.Reference != h.in.Reference || st.Status != models.OrderSubmitted {
		h.t.Fatalf("submit answered %+v", st)
	}
	return st
}

func (h *harness) result() order.State { return wftest.Result[order.State](h.t, h.env) }
func (h *harness) query() order.State {
	return wftest.Query[order.State](h.t, h.env, order.QueryStatus)
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *order.State {
	return wftest.QueryAt[order.State](h.t, h.env, at, order.QueryStatus)
}

// update sends an update `at` after the start (updates at the same instant
// are delivered in the order they were registered).
func (h *harness) update(at time.Duration, name string, args ...any) *outcome {
	return wftest.Update[order.State](h.env, h.t, at, name, args...)
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

// templates renders notices as "template→audience".
func templates(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Template + "→" + c.Notice.Audience })
}

// keys lists the notices' outbox keys.
func keys(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Key })
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
	return wftest.Map(cs, func(c call) string { return c.Charge.Key })
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

var (
	wantSeq      = wftest.WantSeq
	refusedField = wftest.RefusedField
	asJSON       = wftest.AsJSON
)
