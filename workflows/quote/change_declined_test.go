package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// The rep declines a change: the previous version stands, the quote is
// open again with its validity, and expires on it.
func TestDeclinedChangeLeavesThePreviousVersion(t *testing.T) {
	h := newHarness(t, salesInput())
	h.issue(time.Hour, priced(rep, 10, 0, db2, mq))
	h.change(2*day, quote.ChangeRequest{By: requester, Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: 1}}, Note: "only one"})
	declined := h.update(3*day, quote.UpdateDeclineChange, quote.Decision{By: rep, Reason: "one core is below the minimum"})
	h.run()

	st := declined.MustComplete(t)
	if st.Status != models.QuoteOpen || st.Version != 1 || len(st.Versions) != 1 {
		t.Fatalf("after the decline: %+v", st)
	}
	if c := st.Changes[0]; c.Status != models.ChangeDeclined || c.AnswerReason != "one core is below the minimum" || c.RevisedVersion != 0 {
		t.Fatalf("change request = %+v", c)
	}
	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{
		"requested/v0", "open/v1", "change_requested/v1", "open/v1", "open/v1", "expired/v1",
	})
	if got := writes[len(writes)-1].At.Sub(writes[1].At); got != 10*day {
		t.Fatalf("expired +%v after the issue, want the version's 10 days", got)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"quote_requested→rep", "quote_issued→customer", "quote_change_requested→rep",
		"quote_change_declined→customer", "quote_reminder→customer", "quote_expired→customer",
	})
	if n := h.f.notices()[3].Notice; n.Key != "quote/"+number+"/change-1-declined" || n.Reason == "" || n.Version == nil || n.Version.Number != 1 {
		t.Fatalf("decline notice = %+v", n)
	}
}
