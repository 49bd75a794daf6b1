package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// The rep declines a request with a reason (a decline without one is
// refused); the requester is told why; the quote is final.
func TestRepDeclinesTheRequestWithAReason(t *testing.T) {
	h := newHarness(t, salesInput())
	noReason := h.update(time.Hour, quote.UpdateDecline, quote.Decision{By: rep, Reason: " "})
	declined := h.update(2*time.Hour, quote.UpdateDecline, quote.Decision{By: rep, Reason: "these parts are sold through your Business Partner"})
	h.run()

	noReason.MustRefuse(t, quote.ErrInvalid)
	st := declined.MustComplete(t)
	if st.Status != models.QuoteDeclined || st.ClosedBy != repEmail || st.ClosedReason == "" {
		t.Fatalf("after the decline: %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"quote_requested→rep", "quote_declined→customer"})
	if n := h.f.notices()[1].Notice; n.Reason != st.ClosedReason {
		t.Fatalf("decline notice reason = %q", n.Reason)
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"requested", "declined"})
}
