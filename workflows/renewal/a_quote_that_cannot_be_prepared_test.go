package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// A renewal quote that cannot be prepared (the customer has no rep) is a
// recorded failure, not a stop: the renewal tries again at the next
// reminder, and once the rep is assigned the quote is issued then (the
// renewal notice, not a reminder, goes out).
func TestAQuoteThatCannotBePreparedIsTriedAgainAtTheNextReminder(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	h.f.prepare = func(in renewal.Input) (quote.Input, error) {
		if h.env.Now().Before(before(60 * day)) {
			return quote.Input{}, permanent(renewal.ErrNoRep)
		}
		return preparedQuote(in), nil
	}
	h.run()

	wantSeq(t, "prepared on", days(h.f.prepares()), []string{"-90", "-60"})
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"scheduled", "verifying", "quoted", "quoted", "quoted", "lapsed"})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"verification", "quote", "reminder-30d", "reminder-7d", "lapse"})
	st := h.result()
	if len(st.Failures) != 1 || st.Failures[0].Step != "quote" || st.Failures[0].Type != renewal.ErrNoRep {
		t.Fatalf("failures = %+v", st.Failures)
	}
}

// No S&S coverage ends on the due date any more (renewed early, or
// co-termed to another date): the renewal ends renewed without a quote,
// saying why, and nobody is reminded.
func TestNothingLeftDueEndsTheRenewalWithoutAQuote(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	h.f.prepare = func(renewal.Input) (quote.Input, error) { return quote.Input{}, permanent(renewal.ErrNothingDue) }
	h.run()

	wantSeq(t, "writes", statuses(h.f.writes()), []string{"scheduled", "verifying", "renewed"})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"verification"})
	if st := h.result(); st.Status != models.RenewalRenewed || st.QuoteNumber != "" || st.ClosedReason == "" || len(h.f.started()) != 0 {
		t.Fatalf("result = %+v", st)
	}
}
