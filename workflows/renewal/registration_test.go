package renewal_test

import (
	"testing"

	"github.com/stretchr/testify/mock"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// Every activity and child workflow the renewal calls by name is one the
// worker registers; mocking a name it does not register panics, so the
// harness would catch a rename on one side only.
func TestEveryActivityAndChildTheRenewalCallsIsRegistered(t *testing.T) {
	env := wftest.NewEnv()
	worker.Register(env, activities.Deps{})
	env.OnWorkflow(quote.WorkflowName, mock.Anything, mock.Anything).Return(quote.State{}, nil)
	env.OnWorkflow(renewal.WorkflowName, mock.Anything, mock.Anything).Return(renewal.State{}, nil)
	wftest.MustBeRegistered(t, env, "RecordRenewalRenamed",
		renewal.ActivityRecordRenewal, renewal.ActivityPrepareRenewalQuote, renewal.ActivityQueueRenewalNotice)
}
