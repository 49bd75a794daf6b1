package order_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	sdkworker "go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// serverRun is one order run to its end on a real Temporal dev server,
// started as the API starts it (update-with-start of the submit), with
// the fake activities registered under the activities' names on a worker.
type serverRun struct {
	t  *testing.T
	c  client.Client
	f  *fakes
	in order.Input
	w  sdkworker.Worker
}

func startServerRun(t *testing.T, opened order.Opened) *serverRun {
	t.Helper()
	ctx := context.Background()
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
	t.Cleanup(c.Close)
	r := &serverRun{t: t, c: c, f: newFakes(time.Now, opened), in: orderInput()}
	tq := "pao-test-" + uuid.NewString()[:8]
	r.w = sdkworker.New(c, tq, sdkworker.Options{})
	r.w.RegisterWorkflowWithOptions(order.Workflow, workflow.RegisterOptions{Name: order.WorkflowName})
	for name, fn := range map[string]any{
		order.ActivityOpenOrder:        r.f.OpenOrder,
		order.ActivityRecordOrder:      r.f.RecordOrder,
		order.ActivityAuthorize:        r.f.AuthorizePayment,
		order.ActivityCapture:          r.f.CapturePayment,
		order.ActivityVoid:             r.f.VoidPayment,
		order.ActivityRefund:           r.f.RefundPayment,
		order.ActivityFulfil:           r.f.FulfilOrder,
		order.ActivityQueueOrderNotice: r.f.QueueOrderNotice,
		order.ActivitySettleQuotes:     r.f.SettleQuotes,
	} {
		r.w.RegisterActivityWithOptions(fn, activity.RegisterOptions{Name: name})
	}
	if err := r.w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.w.Stop)

	// As api/orders starts it: update-with-start of the submit.
	opts := client.StartWorkflowOptions{
		ID:                       order.WorkflowID(r.in.Reference),
		TaskQueue:                tq,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.OrderRef.ValueSet(r.in.Reference),
			temporalx.SiteNumber.ValueSet(r.in.SiteNumber),
			temporalx.CustomerNumber.ValueSet(r.in.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.OrderSubmitted)),
		),
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	op := c.NewWithStartWorkflowOperation(opts, order.WorkflowName, r.in)
	h, err := c.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: op,
		UpdateOptions:          client.UpdateWorkflowOptions{UpdateName: order.UpdateSubmit, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	var st order.State
	if err := h.Get(ctx, &st); err != nil || st.Reference != ref || st.Status != models.OrderSubmitted {
		t.Fatalf("submit answered %+v, %v", st, err)
	}
	return r
}

// update sends an update and waits for its answer.
func (r *serverRun) update(name string, arg any) order.State {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	h, err := r.c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: order.WorkflowID(r.in.Reference),
		UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	var st order.State
	if err := h.Get(ctx, &st); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	return st
}

// await waits for the order and returns its result and run ID.
func (r *serverRun) await() (order.State, string) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	run := r.c.GetWorkflow(ctx, order.WorkflowID(r.in.Reference), "")
	var st order.State
	if err := run.Get(ctx, &st); err != nil {
		r.t.Fatalf("order workflow: %v", err)
	}
	return st, run.GetRunID()
}

// record writes the run's history to workflows/order/testdata/<name>.json
// when PAO_RECORD_HISTORIES is set (how the replay fixtures are made, as
// internal/e2e records the other workflows').
func (r *serverRun) record(runID, name string) {
	r.t.Helper()
	if os.Getenv("PAO_RECORD_HISTORIES") == "" {
		return
	}
	iter := r.c.GetWorkflowHistory(context.Background(), order.WorkflowID(r.in.Reference), runID, false, 0)
	h := &historypb.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			r.t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	b, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(h)
	if err != nil {
		r.t.Fatal(err)
	}
	root, err := testenv.RepoRoot()
	if err != nil {
		r.t.Fatal(err)
	}
	p := filepath.Join(root, "workflows", "order", "testdata", name+".json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.t.Logf("recorded %s", p)
}

// On a real Temporal server, started as the API starts it: a card order
// is charged once and completed; a purchase order waits for its
// confirmation, then completes. With PAO_RECORD_HISTORIES=1 their
// histories become the replay fixtures (testdata/card_approved.json,
// testdata/po_confirmed.json).
func TestOrdersRunToTheEndOnARealServer(t *testing.T) {
	t.Run("card_approved", func(t *testing.T) {
		r := startServerRun(t, cardOrder(tokApproved))
		st, runID := r.await()
		if st.Status != models.OrderCompleted || st.DocumentNumber != docNumber || len(st.Failures) != 0 {
			t.Fatalf("result = %+v", st)
		}
		if a, c := r.f.entries("authorize"), r.f.entries("capture"); len(a) != 1 || len(c) != 1 {
			t.Fatalf("ledger = %+v", r.f.ledger)
		}
		wantSeq(t, "writes", statuses(r.f.writes()), []string{"submitted[authorize]", "paid[capture]", "fulfilled", "completed"})
		r.record(runID, "card_approved")
	})
	t.Run("po_confirmed", func(t *testing.T) {
		r := startServerRun(t, poOrder())
		deadline := time.Now().Add(20 * time.Second)
		for len(r.f.writes()) == 0 || len(r.f.notices()) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the order never awaited its purchase order's confirmation")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if st := r.update(order.UpdateConfirmPO, confirmation(ops)); st.Status != models.OrderPaid {
			t.Fatalf("confirm-po answered %+v", st)
		}
		st, runID := r.await()
		if st.Status != models.OrderCompleted || st.DecidedBy != ops.Email || r.f.gatewayCalls() != 0 {
			t.Fatalf("result = %+v, gateway calls %d", st, r.f.gatewayCalls())
		}
		wantSeq(t, "writes", statuses(r.f.writes()), []string{"awaiting_po_confirmation", "paid[po_confirmed]", "fulfilled", "completed"})
		r.record(runID, "po_confirmed")
	})
}
