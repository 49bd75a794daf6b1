package discovery_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/testsuite"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/discovery"
)

// The workflow calls its activities by name: the worker registers the
// workflow and both activities, and mocking a name the worker does not
// register panics, so a rename on one side fails the tests.
func TestTheWorkerRegistersDiscoveryAndItsActivities(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	s.SetLogger(quietLogger())
	env := s.NewTestWorkflowEnvironment()
	worker.Register(env, activities.Deps{})
	env.OnActivity(discovery.ActivityFindDueRenewals, mock.Anything, mock.Anything).Return(
		discovery.PageResult{Due: []discovery.Due{{SiteID: 1, SiteNumber: "300001", CustomerID: 1, CustomerNumber: "1000001"}}, Last: true}, nil)
	env.OnActivity(discovery.ActivityStartRenewals, mock.Anything, mock.Anything).Return(discovery.StartResult{Started: 1}, nil)
	env.ExecuteWorkflow(discovery.WorkflowName, input())
	if err := env.GetWorkflowError(); err != nil {
		t.Fatalf("the registered workflow by its name: %v", err)
	}
	var res discovery.Result
	if err := env.GetWorkflowResult(&res); err != nil || res != (discovery.Result{Pages: 1, Found: 1, Started: 1}) {
		t.Fatalf("result = %+v (%v)", res, err)
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "not registered") {
			t.Fatalf("mocking an unregistered activity did not panic as expected: %v", r)
		}
	}()
	env.OnActivity("StartRenewalsRenamed", mock.Anything, mock.Anything).Return(discovery.StartResult{}, nil)
}
