package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/workflows/quote"
)

// Issue, decline and decline-change are the quote's rep's: another rep or
// a customer is refused, nothing recorded.
func TestOnlyTheQuotesRepIssuesAndDeclines(t *testing.T) {
	h := newHarness(t, salesInput())
	other := quote.Person{ID: 22, Email: "renewals@ibm.example.com"}
	byOther := h.issue(time.Hour, priced(other, 30, 0, db2))
	byCustomer := h.issue(time.Hour, priced(requester, 30, 0, db2))
	sameEmailOtherID := h.issue(time.Hour, priced(quote.Person{ID: 99, Email: repEmail}, 30, 0, db2))
	decline := h.update(time.Hour, quote.UpdateDecline, quote.Decision{By: other, Reason: "no"})
	h.update(2*time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester})
	h.run()

	for _, o := range []*outcome{byOther, byCustomer, sameEmailOtherID, decline} {
		o.MustRefuse(t, quote.ErrNotRep)
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"requested/v0", "cancelled/v0"})
}
