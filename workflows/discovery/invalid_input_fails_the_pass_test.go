package discovery_test

import (
	"errors"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
	"github.com/pao/pao/workflows/policy"
)

// A pass with an input it can never run (no verification offset, a
// negative lead, a page too large, a window ending before it starts) fails
// at once, non-retryably, before it reads anything.
func TestInvalidInputFailsThePass(t *testing.T) {
	now := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]discovery.Input{
		"no verification offset": {Offsets: models.RenewalOffsets{Quote: time.Hour}},
		"negative lead":          {Offsets: models.DefaultRenewalOffsets(), Lead: -time.Hour},
		"page too large":         {Offsets: models.DefaultRenewalOffsets(), PageSize: discovery.MaxPageSize + 1},
		"window ends before":     {Offsets: models.DefaultRenewalOffsets(), Window: &discovery.Window{From: now, To: now.AddDate(0, 0, -1)}},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			var s testsuite.WorkflowTestSuite
			s.SetLogger(quietLogger())
			env := s.NewTestWorkflowEnvironment()
			worker.Register(env, activities.Deps{})
			env.ExecuteWorkflow(discovery.WorkflowName, in)
			var app *temporal.ApplicationError
			if err := env.GetWorkflowError(); !errors.As(err, &app) || app.Type() != policy.ErrInvalidInput || !app.NonRetryable() {
				t.Fatalf("error = %v, want a non-retryable %s", err, policy.ErrInvalidInput)
			}
		})
	}
}
