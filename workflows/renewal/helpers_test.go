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
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/internal/wftest"
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

// ---------------------------------------------------------------------------
// Fake activities and the mocked renewal quote: every attempt (failed ones
// included) is recorded.
// ---------------------------------------------------------------------------

type call struct {
	wftest.Call
	Record      renewal.Record
	Notice      renewal.NoticeRequest
	Input       renewal.Input
	QuoteRecord quote.Record
	QuoteNotice quote.NoticeRequest
	Settlement  renewal.ExternalSettlement
}

// child is a renewal quote the workflow started.
type child struct {
	At    time.Time
	ID    string
	Input quote.Input
}

type fakes struct {
	wftest.Recorder[call, *call]
	mu       sync.Mutex // the children's
	children []child
	// prepare answers PrepareRenewalQuote (default: preparedQuote).
	prepare func(in renewal.Input) (quote.Input, error)
}

func (f *fakes) RecordRenewal(ctx context.Context, rec renewal.Record) error {
	return f.Do(ctx, renewal.ActivityRecordRenewal, call{Record: rec}, nil)
}

func (f *fakes) QueueRenewalNotice(ctx context.Context, n renewal.NoticeRequest) error {
	return f.Do(ctx, renewal.ActivityQueueRenewalNotice, call{Notice: n}, nil)
}

func (f *fakes) PrepareRenewalQuote(ctx context.Context, in renewal.Input) (quote.Input, error) {
	if err := f.Do(ctx, renewal.ActivityPrepareRenewalQuote, call{Input: in}, nil); err != nil {
		return quote.Input{}, err
	}
	if f.prepare != nil {
		return f.prepare(in)
	}
	return preparedQuote(in), nil
}

func (f *fakes) SettleExternalOrder(ctx context.Context, st renewal.ExternalSettlement) error {
	return f.Do(ctx, renewal.ActivitySettleExternalOrder, call{Settlement: st}, nil)
}

func (f *fakes) RecordQuote(ctx context.Context, rec quote.Record) error {
	return f.Do(ctx, quote.ActivityRecordQuote, call{QuoteRecord: rec}, nil)
}

func (f *fakes) QueueQuoteNotice(ctx context.Context, n quote.NoticeRequest) error {
	return f.Do(ctx, quote.ActivityQueueQuoteNotice, call{QuoteNotice: n}, nil)
}

// Quote is the mocked renewal quote: it records its start and ends (the
// real one lives on its own until the due date).
func (f *fakes) Quote(ctx workflow.Context, in quote.Input) (quote.State, error) {
	f.mu.Lock()
	f.children = append(f.children, child{At: workflow.Now(ctx), ID: workflow.GetInfo(ctx).WorkflowExecution.ID, Input: in})
	f.mu.Unlock()
	return quote.State{QuoteNumber: in.QuoteNumber, Kind: in.Kind, Status: models.QuoteOpen, Version: 1}, nil
}

func (f *fakes) writes() []call   { return f.OK(renewal.ActivityRecordRenewal) }
func (f *fakes) notices() []call  { return f.OK(renewal.ActivityQueueRenewalNotice) }
func (f *fakes) prepares() []call { return f.OK(renewal.ActivityPrepareRenewalQuote) }

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
	sa    *wftest.SearchAttributeRecorder
	f     *fakes
	in    renewal.Input
	start time.Time
}

type (
	outcome      = wftest.Outcome[renewal.State]
	quoteOutcome = wftest.Outcome[quote.State]
)

// newHarness starts the renewal at start, its quote mocked.
func newHarness(t *testing.T, in renewal.Input, start time.Time) *harness {
	t.Helper()
	h := &harness{t: t, env: wftest.NewEnv(), f: &fakes{}, in: in, start: start}
	h.f.Now = h.env.Now
	h.env.SetStartTime(start)
	worker.Register(h.env, activities.Deps{})
	wftest.MockActivities(h.env, map[string]any{
		renewal.ActivityRecordRenewal:       h.f.RecordRenewal,
		renewal.ActivityPrepareRenewalQuote: h.f.PrepareRenewalQuote,
		renewal.ActivityQueueRenewalNotice:  h.f.QueueRenewalNotice,
		renewal.ActivitySettleExternalOrder: h.f.SettleExternalOrder,
	})
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: renewal.WorkflowID(in.SiteNumber, in.DueDate), TaskQueue: "test"})
	h.sa = wftest.RecordSearchAttributes(h.env)
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
	wftest.MockActivities(h.env, map[string]any{
		quote.ActivityRecordQuote:      h.f.RecordQuote,
		quote.ActivityQueueQuoteNotice: h.f.QueueQuoteNotice,
	})
	return h
}

// run runs the workflow to its end.
func (h *harness) run() { wftest.Execute(h.t, h.env, renewal.WorkflowName, h.in) }

func (h *harness) result() renewal.State { return wftest.Result[renewal.State](h.t, h.env) }
func (h *harness) query() renewal.State {
	return wftest.Query[renewal.State](h.t, h.env, renewal.QueryStatus)
}

// queryAt records the status query's answer at `at`.
func (h *harness) queryAt(at time.Time) *renewal.State {
	return wftest.QueryAt[renewal.State](h.t, h.env, at.Sub(h.start), renewal.QueryStatus)
}

// searchAttributes renders each upsert as "ProcessStatus QuoteNumber".
func (h *harness) searchAttributes() []string {
	var out []string
	for _, sa := range h.sa.Upserts() {
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

// update sends an update to the renewal at `at` (updates at the same
// instant are delivered in the order they were registered).
func (h *harness) update(at time.Time, name string, args ...any) *outcome {
	return wftest.Update[renewal.State](h.env, h.t, at.Sub(h.start), name, args...)
}

// updateQuote sends an update to the renewal quote (the real one) at `at`.
func (h *harness) updateQuote(at time.Time, name string, args ...any) *quoteOutcome {
	return wftest.UpdateByID[quote.State](h.env, h.t, at.Sub(h.start), quote.WorkflowID(quoteNumber), name, args...)
}

var refusedField = wftest.RefusedField

// ---------------------------------------------------------------------------
// Assertion helpers
// ---------------------------------------------------------------------------

// statuses renders writes as their statuses.
func statuses(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return string(c.Record.State.Status) })
}

// templates renders notices as "template→audience".
func templates(cs []call) []string {
	return wftest.Map(cs, func(c call) string { return c.Notice.Template + "→" + c.Notice.Audience })
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
	return wftest.Map(cs, func(c call) string { return fmt.Sprintf("%+g", c.At.Sub(due).Hours()/24) })
}

var (
	wantSeq = wftest.WantSeq
	asJSON  = wftest.AsJSON
)
