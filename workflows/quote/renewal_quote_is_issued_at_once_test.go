package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

func renewalInput(validUntil time.Time) quote.Input {
	in := salesInput()
	in.QuoteNumber, in.Kind, in.Requester, in.Note = "RQ-2026-000043", models.QuoteRenewal, nil, ""
	in.Rep = quote.Person{ID: 22, Email: "renewals@ibm.example.com"}
	renewal := models.QuoteItem{ProductID: 2, PartNumber: "E0R50LL", Description: "IBM Db2 S&S Renewal", Quantity: 16}
	in.Lines = []models.QuoteItem{renewal}
	in.Issue = &quote.Issue{ValidUntil: validUntil, Lines: []quote.IssueLine{{QuoteItem: renewal, Unit: usd(214_320)}}}
	return in
}

// A renewal quote (kind renewal, started by the renewal process) is issued
// by the system at once, valid until the due date; the customer's renewal
// contacts are told; the renewal rep answers its change requests like a
// sales rep.
func TestRenewalQuoteIsIssuedAtOnce(t *testing.T) {
	var h *harness
	due := time.Date(2030, 1, 15, 0, 0, 0, 0, time.UTC)
	h = newHarness(t, renewalInput(due))
	h.env.SetStartTime(due.Add(-90 * day))
	asked := h.change(day, quote.ChangeRequest{By: requester, Changes: []models.LineChange{{PartNumber: "E0R50LL", Quantity: 12}}, Note: "4 cores retired"})
	renewalRep := quote.Person{ID: 22, Email: "renewals@ibm.example.com"}
	twelve := h.in.Issue.Lines[0]
	twelve.Quantity = 12
	revised := h.issue(2*day, quote.Issue{By: renewalRep, Lines: []quote.IssueLine{twelve}}) // keeps the due date
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"requested/v0", "open/v1", "change_requested/v1", "open/v2", "open/v2", "expired/v2"})
	if v := writes[1].Record.State.Versions[0]; v.IssuedBy != quote.SystemActor || !v.ValidUntil.Equal(due) || v.Total.Minor != 16*214_320 {
		t.Fatalf("automatic version = %+v", v)
	}
	asked.MustComplete(t)
	if st := revised.MustComplete(t); st.Version != 2 || !st.ValidUntil.Equal(due) {
		t.Fatalf("revision = %+v", st)
	}
	if got := writes[len(writes)-1].At; !got.Equal(due) {
		t.Fatalf("expired at %v, want the due date %v", got, due)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"quote_issued→customer", "quote_change_requested→rep", "quote_revised→customer", "quote_reminder→customer", "quote_expired→customer",
	})
}
