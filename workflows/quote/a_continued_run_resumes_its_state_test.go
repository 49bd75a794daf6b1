package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A run continued as new (Input.Carried) resumes where the last one
// stopped: no new first row, no second notice to the rep, the version and
// its clock as they were; a submit is refused.
func TestAContinuedRunResumesItsState(t *testing.T) {
	start := time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)
	lines, total, err := models.PriceLines("USD", []models.QuoteItem{db2}, []models.Money{usd(1_071_600)}, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	v1 := quote.Version{Number: 1, Lines: lines, Total: total, ValidUntil: start.Add(10 * day), IssuedBy: repEmail, IssuedAt: start.Add(-20 * day)}
	in := salesInput()
	in.Carried = &quote.State{QuoteNumber: number, Kind: models.QuoteSales, Status: models.QuoteOpen, Version: 1,
		Versions: []quote.Version{v1}, ValidUntil: v1.ValidUntil,
		Failures: []quote.Failure{{Step: "issued-v1", Message: "kept across runs"}}}
	h := newHarness(t, in)
	h.env.SetStartTime(start)
	submit := h.update(time.Minute, quote.UpdateSubmit)
	h.env.ExecuteWorkflow(quote.WorkflowName, h.in)

	submit.MustRefuse(t, quote.ErrAlreadySubmitted)
	writes := h.f.writes()
	wantSeq(t, "writes", statuses(writes), []string{"open/v1", "expired/v1"})
	if got := writes[0].At.Sub(start); got != 5*day {
		t.Fatalf("reminder at +%v, want +5 days", got)
	}
	wantSeq(t, "notices", templates(h.f.notices()), []string{"quote_reminder→customer", "quote_expired→customer"})
	if st := h.result(); st.Status != models.QuoteExpired || len(st.Failures) != 1 {
		t.Fatalf("result = %+v", st)
	}
}
