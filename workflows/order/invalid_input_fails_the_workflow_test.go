package order_test

import (
	"testing"
	"time"

	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// An input the process can never run with fails the workflow at once with
// policy.ErrInvalidInput, before any activity.
func TestInvalidInputFailsTheWorkflow(t *testing.T) {
	for name, change := range map[string]func(*order.Input){
		"bad reference":           func(in *order.Input) { in.Reference = "ORD-26-42" },
		"empty reference":         func(in *order.Input) { in.Reference = "" },
		"no buyer":                func(in *order.Input) { in.Buyer = order.Person{} },
		"no checkout":             func(in *order.Input) { in.CheckoutID = 0 },
		"reminder after expiry":   func(in *order.Input) { in.Timers.PORemindAfter = in.Timers.POExpireAfter + time.Hour },
		"no declined expiry":      func(in *order.Input) { in.Timers.DeclinedExpireAfter = 0 },
		"no site":                 func(in *order.Input) { in.SiteID, in.SiteNumber = 0, "" },
		"reference of a checkout": func(in *order.Input) { in.Reference = "17" },
	} {
		t.Run(name, func(t *testing.T) {
			in := orderInput()
			change(&in)
			h := newHarness(t, in, cardOrder(tokApproved))
			h.env.ExecuteWorkflow(order.WorkflowName, in)
			if !h.env.IsWorkflowCompleted() {
				t.Fatal("workflow did not complete")
			}
			err := h.env.GetWorkflowError()
			if typ := policy.ErrorType(err); typ != policy.ErrInvalidInput {
				t.Fatalf("workflow error = %v (type %q), want %s", err, typ, policy.ErrInvalidInput)
			}
			if len(h.f.All()) != 0 || len(h.sa.ProcessStatuses()) != 0 {
				t.Fatalf("activities %+v, ProcessStatus %q for an invalid input", h.f.All(), h.sa.ProcessStatuses())
			}
		})
	}
}
