package quote_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A change request that breaks a rule is refused with the field it breaks
// in the refusal's details (the API's 422 names it).
func TestBadChangesAreRefusedNamingTheField(t *testing.T) {
	h := newHarness(t, salesInput())
	h.issue(time.Hour, priced(rep, 30, 0, db2, mq))
	cases := map[string]quote.ChangeRequest{
		"changes[0].part_number": {By: requester, Note: "x", Changes: []models.LineChange{{PartNumber: "NOPE1", Quantity: 1}}},
		"changes[1].quantity":    {By: requester, Note: "x", Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: 2}, {PartNumber: mq.PartNumber, Quantity: 0}}},
		"changes[0].quantity":    {By: requester, Note: "x", Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: 4}}},
		"changes":                {By: requester, Note: "x", Changes: []models.LineChange{{PartNumber: db2.PartNumber, Remove: true}, {PartNumber: mq.PartNumber, Remove: true}}},
		"note":                   {By: requester, Note: "  ", Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: 5}}},
	}
	out := map[string]*outcome{}
	for field, cr := range cases {
		out[field] = h.change(2*time.Hour, cr)
	}
	tooMany := h.change(2*time.Hour, quote.ChangeRequest{By: requester, Note: "x", Changes: []models.LineChange{{PartNumber: db2.PartNumber, Quantity: models.MaxQuoteQuantity + 1}}})
	h.update(3*time.Hour, quote.UpdateCancel, quote.Cancellation{By: requester})
	h.run()

	for field, o := range out {
		o.MustRefuse(t, quote.ErrInvalid)
		if got := refusedField(o.RejectErr); got != field {
			t.Errorf("refusal names %q, want %q (%v)", got, field, o.RejectErr)
		}
	}
	tooMany.MustRefuse(t, quote.ErrInvalid)
	wantSeq(t, "writes", statuses(h.f.writes()), []string{"requested/v0", "open/v1", "cancelled/v1"})
}
