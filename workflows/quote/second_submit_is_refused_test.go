package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// The submit update answers once the first row is recorded (status
// requested, the rep told); a second submit is refused.
func TestSubmitRecordsTheFirstRowOnce(t *testing.T) {
	h := newHarness(t, salesInput())
	first := h.update(0, quote.UpdateSubmit)
	second := h.update(time.Minute, quote.UpdateSubmit)
	h.update(time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester})
	h.env.ExecuteWorkflow(quote.WorkflowName, h.in)

	if st := first.MustComplete(t); st.Status != models.QuoteRequested || st.QuoteNumber != number {
		t.Fatalf("submit = %+v", st)
	}
	second.MustRefuse(t, quote.ErrAlreadySubmitted)
	w := h.f.writes()
	if len(w) != 2 || w[0].Record.Input.Requester.Email != bobEmail || len(w[0].Record.Input.Lines) != 2 {
		t.Fatalf("writes = %+v", w)
	}
}
