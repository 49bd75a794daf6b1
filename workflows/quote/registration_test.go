package quote_test

import (
	"testing"

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
	wftest.MustBeRegistered(t, env, "RecordQuoteRenamed", quote.ActivityRecordQuote, quote.ActivityQueueQuoteNotice, "AllocateQuoteNumber")
}
