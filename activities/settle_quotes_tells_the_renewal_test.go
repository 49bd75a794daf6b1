package activities_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// standIn is a workflow that waits for its one update and returns what
// it was told: a stand-in for the quote and the renewal, on a real
// Temporal server.
func standIn[T any](update string) func(ctx workflow.Context) (T, error) {
	return func(ctx workflow.Context) (T, error) {
		var got T
		done := false
		err := workflow.SetUpdateHandler(ctx, update, func(ctx workflow.Context, arg T) (T, error) {
			got, done = arg, true
			return got, nil
		})
		if err != nil {
			return got, err
		}
		return got, workflow.Await(ctx, func() bool { return done })
	}
}

// When an order settles a renewal quote, the quote is told it was ordered
// and then the renewal whose quote it is (renewals.quote_number) is told
// it is renewed (its ordered update, with the order and the quote); a
// sales quote has no renewal: nothing more to do.
func TestSettleQuotesTellsTheRenewalOfARenewalQuote(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addr := testenv.TemporalAddress(t)
	ns, err := testenv.NewNamespace(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.DialContext(ctx, client.Options{HostPort: addr, Namespace: ns,
		Logger: log.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tq := "pao-test-" + uuid.NewString()[:8]
	w := sdkworker.New(c, tq, sdkworker.Options{})
	w.RegisterWorkflowWithOptions(standIn[quote.Order](quote.UpdateOrder), workflow.RegisterOptions{Name: quote.WorkflowName})
	w.RegisterWorkflowWithOptions(standIn[renewal.Ordered](renewal.UpdateOrdered), workflow.RegisterOptions{Name: renewal.WorkflowName})
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	in := f.renewalInput(t, "300001", "1000001")
	const renewalQuote, salesQuote, ref = "RQ-2026-000150", "Q-2026-000151", "ORD-2026-000150"
	f.mustRun(t, renewal.ActivityRecordRenewal, renewal.Record{Input: in,
		State: renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: renewalQuote}})
	runs := map[string]client.WorkflowRun{}
	for id, name := range map[string]string{
		quote.WorkflowID(renewalQuote): quote.WorkflowName, quote.WorkflowID(salesQuote): quote.WorkflowName,
		renewal.WorkflowID(in.SiteNumber, in.DueDate): renewal.WorkflowName,
	} {
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: tq}, name)
		if err != nil {
			t.Fatal(err)
		}
		runs[id] = run
	}

	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(&activities.Orders{Deps: activities.Deps{DB: f.db, Temporal: c}})
	if _, err := env.ExecuteActivity(order.ActivitySettleQuotes, order.Settlement{Reference: ref,
		Quotes: []order.QuoteRef{{Number: renewalQuote, Version: 1}, {Number: salesQuote, Version: 2}}}); err != nil {
		t.Fatalf("settle: %v", err)
	}
	var ordered renewal.Ordered
	if err := runs[renewal.WorkflowID(in.SiteNumber, in.DueDate)].Get(ctx, &ordered); err != nil {
		t.Fatal(err)
	}
	if ordered != (renewal.Ordered{OrderRef: ref, QuoteNumber: renewalQuote}) {
		t.Fatalf("the renewal was told %+v", ordered)
	}
	for number, version := range map[string]int{renewalQuote: 1, salesQuote: 2} {
		var o quote.Order
		if err := runs[quote.WorkflowID(number)].Get(ctx, &o); err != nil || o.OrderRef != ref || o.Version != version {
			t.Fatalf("quote %s was told %+v (%v)", number, o, err)
		}
	}
}
