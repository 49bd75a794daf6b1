package renewal_test

import (
	"testing"

	"github.com/stretchr/testify/mock"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

// The renewal quote runs on its own; if its process fails while the
// renewal runs, the renewal records the failure (visible in its status)
// and its calendar goes on.
func TestARenewalQuoteThatFailsIsAVisibleFailure(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day))
	h.env.OnWorkflow(quote.WorkflowName, mock.Anything, mock.Anything).Return(quote.State{}, permanent(policy.ErrInvalidInput))
	h.run()

	st := h.result()
	if len(st.Failures) != 1 || st.Failures[0].Step != models.StepQuote || st.Failures[0].Type != policy.ErrInvalidInput {
		t.Fatalf("failures = %+v", st.Failures)
	}
	if st.Status != models.RenewalLapsed || st.QuoteNumber != quoteNumber {
		t.Fatalf("result = %+v", st)
	}
}
