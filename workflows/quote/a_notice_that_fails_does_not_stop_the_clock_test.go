package quote_test

import (
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

// A notice that cannot be queued (nobody to send it to) is recorded as a
// failure; the quote's clock goes on and it expires on time.
func TestANoticeThatFailsDoesNotStopTheClock(t *testing.T) {
	h := newHarness(t, salesInput())
	h.f.Fail = func(c call) error {
		if c.Activity == quote.ActivityQueueQuoteNotice && c.Notice.Template == "quote_issued" {
			return temporal.NewNonRetryableApplicationError("no recipients", policy.ErrNoRecipients, nil)
		}
		return nil
	}
	h.issue(time.Hour, priced(rep, 7, 0, db2))
	h.run()

	st := h.result()
	if st.Status != models.QuoteExpired || len(st.Failures) != 1 || st.Failures[0].Step != "issued-v1" || st.Failures[0].Type != policy.ErrNoRecipients {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"quote_requested→rep", "quote_reminder→customer", "quote_expired→customer"})
}
