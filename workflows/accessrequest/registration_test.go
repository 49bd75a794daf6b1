package accessrequest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"

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
	for _, name := range []string{
		accessrequest.ActivityRecordRequest, accessrequest.ActivityApproveRequest,
		accessrequest.ActivityGrantRequest, accessrequest.ActivityQueueNotice,
	} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(nil) // panics if unregistered
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "not registered") {
			t.Fatalf("mocking an unregistered activity did not panic as expected: %v", r)
		}
	}()
	env.OnActivity("RecordRequestRenamed", mock.Anything, mock.Anything).Return(nil)
}
