package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// An issue that breaks a pricing rule is refused naming the line and the
// field: a price in another currency, a quantity out of range, a product
// twice, a discount over 100%, no lines, a validity over a year.
func TestBadIssuesAreRefusedNamingTheField(t *testing.T) {
	h := newHarness(t, salesInput())
	eur := priced(rep, 30, 0, db2, mq)
	eur.Lines[1].Unit.Currency = "EUR"
	zero := priced(rep, 30, 0, db2)
	zero.Lines[0].Quantity = 0
	twice := priced(rep, 30, 0, db2, db2)
	discount := priced(rep, 30, 10_001, db2)
	long := priced(rep, models.MaxValidityDays+1, 0, db2)
	cases := map[string]quote.Issue{
		"lines[1].unit_price":  eur,
		"lines[0].quantity":    zero,
		"lines[1].part_number": twice,
		"lines[0].discount_bp": discount,
		"lines":                {By: rep},
		"validity_days":        long,
	}
	out := map[string]*outcome{}
	for field, is := range cases {
		out[field] = h.issue(time.Hour, is)
	}
	h.update(2*time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester})
	h.run()

	for field, o := range out {
		o.MustRefuse(t, quote.ErrInvalid)
		if got := refusedField(o.RejectErr); got != field {
			t.Errorf("refusal names %q, want %q (%v)", got, field, o.RejectErr)
		}
	}
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"requested/v0", "cancelled/v0"})
}
