package renewal_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// Over the whole calendar from 130 days before the due date: the Primary
// is asked to verify the contacts at -120, the renewal quote is issued
// (a child quote workflow, kind renewal, valid until the due date, for
// the renewal rep) and the renewal notice sent at -90, the 60-day reminder
// goes out, and the order process's `ordered` at -45 renews it: no later
// reminder, no lapse. Every transition is written and upserts the search
// attributes, the quote number once known.
func TestRenewedOnlineAtDayMinus45(t *testing.T) {
	h := newHarness(t, renewalInput(), before(130*day)).mockQuote()
	ordered := h.update(before(45*day), renewal.UpdateOrdered, renewal.Ordered{OrderRef: "ORD-2027-000007", QuoteNumber: quoteNumber})
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"scheduled", "verifying", "quoted", "quoted", "renewed"})
	wantSeq(t, "written on", days(writes), []string{"-130", "-120", "-90", "-60", "-45"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"renewal_verify_contacts→primary", "renewal_notice→renewal", "renewal_reminder→renewal",
	})
	wantSeq(t, "notice keys", keys(h.f.notices()), []string{"verification", "quote", "reminder-60d"})

	kids := h.f.started()
	if len(kids) != 1 || kids[0].ID != quote.WorkflowID(quoteNumber) || !kids[0].At.Equal(before(90*day)) {
		t.Fatalf("renewal quotes started: %+v", kids)
	}
	if in := kids[0].Input; in.Kind != models.QuoteRenewal || in.Issue == nil || !in.Issue.ValidUntil.Equal(due) || in.Rep.Email != rini.Email {
		t.Fatalf("renewal quote input = %+v", in)
	}
	if st := ordered.MustComplete(t); st.Status != models.RenewalRenewed || st.OrderRef != "ORD-2027-000007" {
		t.Fatalf("ordered answered %+v", st)
	}
	st := h.result()
	if st.Status != models.RenewalRenewed || st.QuoteNumber != quoteNumber || st.Channel != models.ChannelOnline ||
		len(st.RemindersSent) != 1 || st.RemindersSent[0] != "reminder-60d" || len(st.Skipped) != 0 || len(st.Failures) != 0 {
		t.Fatalf("result = %+v", st)
	}
	wantSeq(t, "search attributes", h.searchAttributes(), []string{
		"scheduled ", "verifying ", "quoted " + quoteNumber, "quoted " + quoteNumber, "renewed " + quoteNumber,
	})
}
