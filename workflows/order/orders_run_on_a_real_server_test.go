package order_test

import (
	"context"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/internal/wftest/devserver"
	"github.com/pao/pao/workflows/order"
)

// serverRun is one order run to its end on a real Temporal dev server,
// started as the API starts it (update-with-start of the submit), with
// the fake activities registered under the activities' names on a worker.
type serverRun struct {
	*devserver.Server
	f  *fakes
	in order.Input
}

func startServerRun(t *testing.T, opened order.Opened) *serverRun {
	t.Helper()
	r := &serverRun{Server: devserver.New(t), f: newFakes(time.Now, opened), in: orderInput()}
	r.Worker.RegisterWorkflowWithOptions(order.Workflow, workflow.RegisterOptions{Name: order.WorkflowName})
	r.StartWorker(map[string]any{
		order.ActivityOpenOrder:        r.f.OpenOrder,
		order.ActivityRecordOrder:      r.f.RecordOrder,
		order.ActivityAuthorize:        r.f.AuthorizePayment,
		order.ActivityCapture:          r.f.CapturePayment,
		order.ActivityVoid:             r.f.VoidPayment,
		order.ActivityRefund:           r.f.RefundPayment,
		order.ActivityFulfil:           r.f.FulfilOrder,
		order.ActivityQueueOrderNotice: r.f.QueueOrderNotice,
		order.ActivitySettleQuotes:     r.f.SettleQuotes,
	})

	// As api/orders starts it: update-with-start of the submit.
	opts := client.StartWorkflowOptions{
		ID:                       r.id(),
		TaskQueue:                r.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.OrderRef.ValueSet(r.in.Reference),
			temporalx.SiteNumber.ValueSet(r.in.SiteNumber),
			temporalx.CustomerNumber.ValueSet(r.in.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.OrderSubmitted)),
		),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	op := r.Client.NewWithStartWorkflowOperation(opts, order.WorkflowName, r.in)
	h, err := r.Client.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
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

func (r *serverRun) id() string { return order.WorkflowID(r.in.Reference) }

// update sends an update and waits for its answer.
func (r *serverRun) update(name string, arg any) order.State {
	return devserver.Update[order.State](r.Server, r.id(), name, arg)
}

// await waits for the order and returns its result and run ID.
func (r *serverRun) await() (order.State, string) {
	return devserver.Await[order.State](r.Server, r.id(), 30*time.Second)
}

// record writes the run's history to workflows/order/testdata/<name>.json
// when PAO_RECORD_HISTORIES is set (how the replay fixtures are made, as
// internal/e2e records the other workflows').
func (r *serverRun) record(runID, name string) { r.Record(r.id(), runID, name) }

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
