package accessrequest_test

import (
	"errors"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// Input the workflow can never accept fails it at once, non-retryable,
// before any activity runs.
func TestInvalidInputFailsNonRetryable(t *testing.T) {
	cases := map[string]func(in *accessrequest.Input){
		"timers not increasing": func(in *accessrequest.Input) {
			in.Timers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 72 * time.Hour, ExpireAfter: 336 * time.Hour}
		},
		"expiry before escalation": func(in *accessrequest.Input) {
			in.Timers = accessrequest.Timers{RemindAfter: 72 * time.Hour, EscalateAfter: 168 * time.Hour, ExpireAfter: 100 * time.Hour}
		},
		"zero timers":             func(in *accessrequest.Input) { in.Timers = accessrequest.Timers{} },
		"missing request id":      func(in *accessrequest.Input) { in.RequestID = "" },
		"missing requester":       func(in *accessrequest.Input) { in.Requester.Email = "" },
		"missing customer":        func(in *accessrequest.Input) { in.CustomerID = 0 },
		"nomination without site": func(in *accessrequest.Input) { in.SiteID = 0 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			in := nominationInput()
			mutate(&in)
			h := newHarness(t, in)
			h.run()
			err := h.env.GetWorkflowError()
			var app *temporal.ApplicationError
			if !errors.As(err, &app) {
				t.Fatalf("error is not an application error: %v", err)
			}
			if app.Type() != policy.ErrInvalidInput || !app.NonRetryable() {
				t.Fatalf("error type=%q nonRetryable=%v: %v", app.Type(), app.NonRetryable(), err)
			}
			if calls := h.f.All(); len(calls) != 0 {
				t.Fatalf("activities ran on invalid input: %v", sequence(calls))
			}
		})
	}
}
