package quote_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/internal/wftest"
	"github.com/pao/pao/workflows/quote"
)

// Every activity the workflow calls by name is one the worker registers;
// mocking a name it does not register panics, so the harness would catch
// a rename on one side only.
func TestEveryActivityTheWorkflowCallsIsRegistered(t *testing.T) {
	env := wftest.NewEnv()
	worker.Register(env, activities.Deps{})
	for _, name := range []string{quote.ActivityRecordQuote, quote.ActivityQueueQuoteNotice, "AllocateQuoteNumber"} {
		env.OnActivity(name, mock.Anything, mock.Anything).Return(nil) // panics if unregistered
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "not registered") {
			t.Fatalf("mocking an unregistered activity did not panic as expected: %v", r)
		}
	}()
	env.OnActivity("RecordQuoteRenamed", mock.Anything, mock.Anything).Return(nil)
}
