package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// The rep prices the request: version 1 with locked lines, rounded once
// per line, a total that is their sum, valid for the days asked; the
// requester is told; the order then closes it.
func TestRepIssuesAPricedQuoteAndTheRequesterIsTold(t *testing.T) {
	h := newHarness(t, salesInput())
	before := h.queryAt(30 * time.Minute)
	issued := h.issue(time.Hour, priced(rep, 14, 500, db2, mq))
	ordered := h.update(2*day, quote.UpdateOrder, quote.Order{OrderRef: "ORD-1", Version: 1, By: bobEmail})
	h.run()

	if before.Status != models.QuoteRequested || before.Version != 0 {
		t.Fatalf("before the issue: %+v", before)
	}
	st := issued.MustComplete(t)
	v, ok := st.Current()
	if !ok || st.Status != models.QuoteOpen || v.Number != 1 || v.IssuedBy != repEmail {
		t.Fatalf("after the issue: %+v", st)
	}
	// 4 × 10,716.00 less 5% = 40,720.80; 100 × 230.30 less 5% = 21,878.50.
	if got := []int64{v.Lines[0].Total.Minor, v.Lines[1].Total.Minor, v.Total.Minor}; got[0] != 4_072_080 || got[1] != 2_187_850 || got[2] != 6_259_930 {
		t.Fatalf("line totals and total = %v", got)
	}
	if want := v.IssuedAt.Add(14 * day); !st.ValidUntil.Equal(want) || !v.ValidUntil.Equal(want) {
		t.Fatalf("valid until %v, want %v", st.ValidUntil, want)
	}
	if o := ordered.MustComplete(t); o.Status != models.QuoteOrdered || o.OrderRef != "ORD-1" {
		t.Fatalf("after the order: %+v", o)
	}

	wantSeq(t, "writes", statuses(h.f.writes()), []string{"requested/v0", "open/v1", "ordered/v1"})
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"quote_requested→rep", "quote_issued→customer", "quote_ordered→rep",
	})
	wantSeq(t, "outbox keys", keys(h.f.notices()), []string{
		"quote/" + number + "/requested", "quote/" + number + "/issued-v1", "quote/" + number + "/ordered",
	})
	wantSeq(t, "ProcessStatus", h.sa.ProcessStatuses(), []string{"requested", "open", "ordered"})
	if res := h.result(); res.Status != models.QuoteOrdered || len(res.Versions) != 1 {
		t.Fatalf("result = %+v", res)
	}
}
