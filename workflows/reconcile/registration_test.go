package reconcile_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/reconcile"
)

// The workflow calls its activity by name: the worker registers the
// workflow and that activity, and mocking a name the worker does not
// register panics, so a rename on one side fails the tests.
func TestTheWorkerRegistersTheReconcilerAndItsActivity(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	worker.Register(env, activities.Deps{})
	env.OnActivity(reconcile.ActivityReconcileRequests, mock.Anything, mock.Anything).Return(reconcile.PageResult{Last: true}, nil)
	env.ExecuteWorkflow(reconcile.WorkflowName, reconcile.Input{})
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("the registered workflow by its name: %v", err)
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "not registered") {
			t.Fatalf("mocking an unregistered activity did not panic as expected: %v", r)
		}
	}()
	env.OnActivity("ReconcileRequestsRenamed", mock.Anything, mock.Anything).Return(reconcile.PageResult{}, nil)
}
