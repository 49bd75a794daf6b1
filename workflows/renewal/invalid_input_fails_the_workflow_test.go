package renewal_test

import (
	"testing"
	"time"

	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/renewal"
)

// An input the process can never run with fails the workflow at once,
// non-retryable, before anything is written: no site, no due date, a
// quote after the verification, a reminder not between the quote and the
// due date, the same reminder twice.
func TestInvalidInputFailsTheWorkflow(t *testing.T) {
	for name, change := range map[string]func(*renewal.Input){
		"no site":                       func(in *renewal.Input) { in.SiteID, in.SiteNumber = 0, "" },
		"no due date":                   func(in *renewal.Input) { in.DueDate = time.Time{} },
		"quote before the verification": func(in *renewal.Input) { in.Offsets.Quote = in.Offsets.Verification + day },
		"no quote offset":               func(in *renewal.Input) { in.Offsets.Quote = 0 },
		"reminder before the quote":     func(in *renewal.Input) { in.Offsets.Reminders = []time.Duration{100 * day} },
		"reminder twice":                func(in *renewal.Input) { in.Offsets.Reminders = []time.Duration{30 * day, 30 * day} },
		"negative quote reminder":       func(in *renewal.Input) { in.QuoteRemindBefore = -time.Hour },
	} {
		t.Run(name, func(t *testing.T) {
			in := renewalInput()
			change(&in)
			h := newHarness(t, in, before(130*day)).mockQuote()
			h.run()
			err := h.env.GetWorkflowError()
			if got := policy.ErrorType(err); got != policy.ErrInvalidInput {
				t.Fatalf("error = %v (type %q), want %s", err, got, policy.ErrInvalidInput)
			}
			if n := len(h.f.writes()); n != 0 {
				t.Fatalf("%d writes before refusing the input", n)
			}
		})
	}
}
