package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// An open quote nobody orders: the requester is reminded RemindBefore
// (five days) before it expires, and it expires at its valid-until, each
// on time, recorded and notified; the default validity is 30 days.
func TestOpenQuoteIsRemindedAndExpires(t *testing.T) {
	h := newHarness(t, salesInput())
	h.issue(time.Hour, priced(rep, 0, 0, db2))
	at26 := h.queryAt(time.Hour + 26*day)
	h.run()

	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"requested/v0", "open/v1", "open/v1", "expired/v1"})
	issuedAt := writes[1].At
	if got := writes[2].At.Sub(issuedAt); got != 25*day || !writes[2].Record.State.Reminded {
		t.Fatalf("reminder recorded at +%v (reminded=%v), want +25 days", got, writes[2].Record.State.Reminded)
	}
	if got := writes[3].At.Sub(issuedAt); got != 30*day {
		t.Fatalf("expiry recorded at +%v, want +30 days", got)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"quote_requested→rep", "quote_issued→customer", "quote_reminder→customer", "quote_expired→customer",
	})
	for i, at := range []time.Duration{25 * day, 30 * day} {
		if got := h.f.notices()[i+2].At.Sub(issuedAt); got != at {
			t.Errorf("notice %d at +%v, want +%v", i+2, got, at)
		}
	}
	if !at26.Reminded || at26.Status != models.QuoteOpen {
		t.Fatalf("query at 26 days = %+v", at26)
	}
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"requested", "open", "open", "expired"})
	if st := h.result(); st.Status != models.QuoteExpired {
		t.Fatalf("result = %+v", st)
	}
}
