package renewal_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// With the real quote process as the renewal quote: the customer asks for
// a change (12 cores instead of 16), the renewal rep answers with a
// revision (version 2, still valid until the due date); the change loop
// is the quote's own, the renewal stays quoted (and reminds at 60 days)
// until the order process orders version 2 and tells the renewal.
func TestChangeRequestThenRevisionThenRenewed(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).realQuote()
	asked := h.updateQuote(before(80*day), quote.UpdateRequestChange, quote.ChangeRequest{
		By: quote.Person{ID: bob.ID, Email: bob.Email}, Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: 12}},
		Note: "four cores retired"})
	twelve := quote.IssueLine{QuoteItem: db2, Unit: usd(214_320)}
	twelve.Quantity = 12
	revised := h.updateQuote(before(75*day), quote.UpdateIssue, quote.Issue{By: renewalRep, Lines: []quote.IssueLine{twelve}})
	during := h.queryAt(before(70 * day))
	orderedQuote := h.updateQuote(before(50*day), quote.UpdateOrder, quote.Order{OrderRef: "ORD-2027-000009", Version: 2, By: "system"})
	ordered := h.update(before(50*day).Add(time.Minute), renewal.UpdateOrdered, renewal.Ordered{OrderRef: "ORD-2027-000009", QuoteNumber: quoteNumber})
	h.run()

	for _, o := range []*quoteOutcome{asked, revised, orderedQuote} {
		if !o.Sent || o.Rejected || !o.Completed || o.Err != nil {
			t.Fatalf("%s: sent=%v rejected=%v (%v) completed=%v err=%v", o.Name, o.Sent, o.Rejected, o.RejectErr, o.Completed, o.Err)
		}
	}
	var quoteStatuses []string
	for _, c := range h.f.OK(quote.ActivityRecordQuote) {
		quoteStatuses = append(quoteStatuses, string(c.QuoteRecord.State.Status))
	}
	wantSeq(t, "quote writes", quoteStatuses, []string{"requested", "open", "change_requested", "open", "ordered"})
	if during.Status != models.RenewalQuoted || during.QuoteNumber != quoteNumber {
		t.Fatalf("during the change loop the renewal is %+v", during)
	}
	wantSeq(t, "renewal writes", statuses(h.f.writes()), []string{"scheduled", "verifying", "quoted", "quoted", "renewed"})
	wantSeq(t, "renewal notices", keys(h.f.notices()), []string{"verification", "quote", "reminder-60d"})
	if st := ordered.MustComplete(t); st.Status != models.RenewalRenewed || st.OrderRef != "ORD-2027-000009" {
		t.Fatalf("ordered answered %+v", st)
	}
}
