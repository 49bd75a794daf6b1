package accessrequest_test

import (
	"testing"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/internal/wftest"
)

// The workflow calls its activities by name. Every harness mocks those
// names against what worker.Register registers; this test proves the
// guard bites: mocking a name the worker does not register (an activity
// renamed on one side only) panics, and every name the workflow uses is
// registered.
func TestEveryActivityTheWorkflowCallsIsRegistered(t *testing.T) {
	env := wftest.NewEnv()
	worker.Register(env, activities.Deps{})
	wftest.MustBeRegistered(t, env, "RecordRequestRenamed",
		accessrequest.ActivityRecordRequest, accessrequest.ActivityApproveRequest,
		accessrequest.ActivityGrantRequest, accessrequest.ActivityQueueNotice)
}
