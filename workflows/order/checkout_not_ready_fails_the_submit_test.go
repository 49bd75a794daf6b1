package order_test

import (
	"errors"
	"slices"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// A checkout that cannot become an order: the submit update fails with
// ErrNotReady and every reason in its details (the API lists them), and
// the workflow fails (so the API may start it again) without a write or
// a notice.
func TestCheckoutNotReadyFailsTheSubmitWithItsReasons(t *testing.T) {
	h := newHarness(t, orderInput(), cardOrder(tokApproved))
	reasons := []string{"the current terms and conditions are not accepted", "quote " + quoteNumber + " has expired"}
	h.f.openErr = notReady(reasons...)
	submit := h.start()

	submit.MustFail(t, order.ErrNotReady)
	var app *temporal.ApplicationError
	var got []string
	if !errors.As(submit.Err, &app) || !app.HasDetails() || app.Details(&got) != nil || !slices.Equal(got, reasons) {
		t.Fatalf("submit error %v carries reasons %q, want %q", submit.Err, got, reasons)
	}
	if typ := policy.ErrorType(h.env.GetWorkflowError()); typ != order.ErrNotReady {
		t.Fatalf("workflow error = %v (type %q), want %s", h.env.GetWorkflowError(), typ, order.ErrNotReady)
	}
	if n := len(h.f.All(order.ActivityOpenOrder)); n != 1 {
		t.Fatalf("OpenOrder called %d times, want once (the refusal is final)", n)
	}
	if len(h.f.All(order.ActivityRecordOrder)) != 0 || len(h.f.All(order.ActivityQueueOrderNotice)) != 0 || h.f.gatewayCalls() != 0 {
		t.Fatalf("calls after the refusal: %+v", h.f.All())
	}
	if got := h.sa.ProcessStatuses(); !slices.Equal(got, []string{order.StatusRefused}) {
		t.Fatalf("ProcessStatus of a run that opened no order: %q, want only %q (never a live status)", got, order.StatusRefused)
	}
}
