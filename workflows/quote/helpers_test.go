package quote_test

// Shared fixtures and the harness of the quote workflow tests: the workflow
// runs in the SDK's test environment with time skipping; the real activity
// structs are registered through worker.Register and mocked by name, so a
// test fails (OnActivity panics) if the workflow calls an activity the
// worker does not register.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/internal/wftest"
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

// ---------------------------------------------------------------------------
// Fake activities: every attempt (failed ones included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	wftest.Call
	Record quote.Record
	Notice quote.NoticeRequest
}

type fakes struct{ wftest.Recorder[call, *call] }

func (f *fakes) RecordQuote(ctx context.Context, rec quote.Record) error {
	return f.Do(ctx, quote.ActivityRecordQuote, call{Record: rec}, nil)
}

func (f *fakes) QueueQuoteNotice(ctx context.Context, n quote.NoticeRequest) error {
	return f.Do(ctx, quote.ActivityQueueQuoteNotice, call{Notice: n}, nil)
}

func (f *fakes) writes() []call  { return f.OK(quote.ActivityRecordQuote) }
func (f *fakes) notices() []call { return f.OK(quote.ActivityQueueQuoteNotice) }

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
	sa  *wftest.SearchAttributeRecorder
	f   *fakes
	in  quote.Input
}

type outcome = wftest.Outcome[quote.State]

func newHarness(t *testing.T, in quote.Input) *harness {
	t.Helper()
	h := &harness{t: t, env: wftest.NewEnv(), f: &fakes{}, in: in}
	h.f.Now = h.env.Now
	worker.Register(h.env, activities.Deps{})
	wftest.MockActivities(h.env, map[string]any{
		quote.ActivityRecordQuote:      h.f.RecordQuote,
		quote.ActivityQueueQuoteNotice: h.f.QueueQuoteNotice,
	})
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: quote.WorkflowID(in.QuoteNumber), TaskQueue: "test"})
	h.sa = wftest.RecordSearchAttributes(h.env)
	return h
}

// run runs the workflow to its end (submitting it at once, as the API's
// update-with-start does).
func (h *harness) run() {
	h.t.Helper()
	h.update(0, quote.UpdateSubmit)
	wftest.Execute(h.t, h.env, quote.WorkflowName, h.in)
}

func (h *harness) result() quote.State { return wftest.Result[quote.State](h.t, h.env) }
func (h *harness) query() quote.State {
	return wftest.Query[quote.State](h.t, h.env, quote.QueryStatus)
}

// queryAt records the status query's answer at `at` after the start.
func (h *harness) queryAt(at time.Duration) *quote.State {
	return wftest.QueryAt[quote.State](h.t, h.env, at, quote.QueryStatus)
}

// update sends an update `at` after the start (updates at the same instant
// are delivered in the order they were registered).
func (h *harness) update(at time.Duration, name string, args ...any) *outcome {
	return wftest.Update[quote.State](h.env, h.t, at, name, args...)
}

func (h *harness) issue(at time.Duration, is quote.Issue) *outcome {
	return h.update(at, quote.UpdateIssue, is)
}

func (h *harness) change(at time.Duration, cr quote.ChangeRequest) *outcome {
	return h.update(at, quote.UpdateRequestChange, cr)
}

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

// templates renders notices as "template→audience".
func templates(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Template + "→" + string(c.Notice.Audience) })
}

// statuses renders writes as "status/vN".
func statuses(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return fmt.Sprintf("%s/v%d", c.Record.State.Status, c.Record.State.Version) })
}

// keys lists the notices' outbox keys.
func keys(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Key })
}

var (
	wantSeq      = wftest.WantSeq
	refusedField = wftest.RefusedField
)
