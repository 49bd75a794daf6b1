package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// E4: a customer asks for a change on the open quote (remove a line,
// change a quantity); the rep is told; the rep answers with version 2 at
// new prices and a new validity; both versions are kept and the change
// request names the revision.
func TestChangeRequestAnsweredWithARevision(t *testing.T) {
	h := newHarness(t, salesInput())
	h.issue(time.Hour, priced(rep, 10, 0, db2, mq))
	changes := []models.LineChange{{PartNumber: mq.PartNumber, Remove: true}, {PartNumber: db2.PartNumber, Quantity: 6}}
	asked := h.change(2*day, quote.ChangeRequest{By: dave, OnVersion: 1, Changes: changes, Note: "MQ is bought elsewhere"})
	six := db2
	six.Quantity = 6
	revised := h.issue(3*day, priced(rep, 30, 1000, six))
	h.update(4*day, quote.UpdateOrder, quote.Order{OrderRef: "ORD-2", Version: 2, By: bobEmail})
	h.run()

	st := asked.MustComplete(t)
	if st.Status != models.QuoteChangeRequested || len(st.Changes) != 1 || st.Changes[0].Status != models.ChangePending ||
		st.Changes[0].By.Email != dave.Email || st.Changes[0].OnVersion != 1 {
		t.Fatalf("after the change request: %+v", st)
	}
	st = revised.MustComplete(t)
	v2, _ := st.Current()
	if st.Status != models.QuoteOpen || st.Version != 2 || len(st.Versions) != 2 || v2.ChangeRequest != 1 {
		t.Fatalf("after the revision: %+v", st)
	}
	if c := st.Changes[0]; c.Status != models.ChangeRevised || c.RevisedVersion != 2 || c.AnsweredBy != repEmail {
		t.Fatalf("change request after the revision: %+v", c)
	}
	if want := v2.IssuedAt.Add(30 * day); !st.ValidUntil.Equal(want) || st.Reminded {
		t.Fatalf("revision valid until %v (reminded %v), want %v", st.ValidUntil, st.Reminded, want)
	}
	// 6 × 10,716.00 less 10% = 57,866.40.
	if len(v2.Lines) != 1 || v2.Total.Minor != 5_786_640 {
		t.Fatalf("version 2 = %+v", v2)
	}
	if d := models.DiffLines(st.Versions[0].Lines, v2.Lines); len(d) != 2 || d[0].Change != "changed" || d[1].Change != "removed" {
		t.Fatalf("diff v1→v2 = %+v", d)
	}

	wantSeq(t, "writes", statuses(h.f.writes()), []string{
		"requested/v0", "open/v1", "change_requested/v1", "open/v2", "ordered/v2",
	})
	wantSeq(t, "notices", templates(h.f.notices()), []string{
		"quote_requested→rep", "quote_issued→customer", "quote_change_requested→rep", "quote_revised→customer", "quote_ordered→rep",
	})
	n := h.f.notices()
	if n[2].Notice.Key != "quote/"+number+"/change-1" || n[2].Notice.Change == nil || len(n[2].Notice.Change.Changes) != 2 {
		t.Fatalf("rep's change notice = %+v", n[2].Notice)
	}
	if n[3].Notice.Key != "quote/"+number+"/issued-v2" || n[3].Notice.Change == nil || n[3].Notice.Change.By.Email != dave.Email {
		t.Fatalf("revision notice = %+v", n[3].Notice)
	}
}
