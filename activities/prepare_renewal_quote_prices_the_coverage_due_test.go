package activities_test

import (
	"strings"
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

func (f fixture) prepare(t *testing.T, in renewal.Input) (quote.Input, error) {
	t.Helper()
	v, err := f.env.ExecuteActivity(renewal.ActivityPrepareRenewalQuote, in)
	if err != nil {
		return quote.Input{}, err
	}
	var qin quote.Input
	if err := v.Get(&qin); err != nil {
		t.Fatal(err)
	}
	return qin, nil
}

// The renewal quote carries every S&S line due on the site at the due
// date, priced at the site's currency and its agreement's volume level
// (300001: USD, level E; the Express site 400001: IDR at the Express
// level), for the customer's renewal rep, issued at once and valid until
// the due date, under a new RQ- number, or the one the renewal recorded.
func TestPrepareRenewalQuotePricesTheCoverageDue(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300001", "1000001")
	qin, err := f.prepare(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if !models.ValidQuoteNumber(qin.QuoteNumber) || qin.QuoteNumber[:3] != "RQ-" || qin.Kind != models.QuoteRenewal ||
		qin.Currency != "USD" || qin.Rep.Email != renewalRep || qin.Rep.ID != f.userID(t, renewalRep) || qin.Requester != nil {
		t.Fatalf("quote input = %+v", qin)
	}
	if qin.Issue == nil || !qin.Issue.ValidUntil.Equal(in.DueDate) || len(qin.Issue.Lines) != 4 || len(qin.Lines) != 4 {
		t.Fatalf("issue = %+v, lines %+v", qin.Issue, qin.Lines)
	}
	for _, l := range qin.Issue.Lines {
		var want int64
		f.scan(t, &want, `SELECT unit_minor FROM prices WHERE product_id = ? AND currency = 'USD' AND price_level = 'E'`, l.ProductID)
		var qty int64
		f.scan(t, &qty, `SELECT quantity FROM coverages WHERE site_id = ? AND product_id = ?`, in.SiteID, l.ProductID)
		if l.Unit.Currency != "USD" || l.Unit.Minor != want || want == 0 || l.Quantity != qty {
			t.Fatalf("line %+v: want %d USD minor each, quantity %d", l, want, qty)
		}
	}
	// A reset run: the renewal recorded its quote number, the same is prepared.
	f.mustRun(t, renewal.ActivityRecordRenewal, renewal.Record{Input: in,
		State: renewal.State{Status: models.RenewalQuoted, Channel: models.ChannelOnline, QuoteNumber: qin.QuoteNumber}})
	if again, err := f.prepare(t, in); err != nil || again.QuoteNumber != qin.QuoteNumber {
		t.Fatalf("prepared again %q, %v; want %s", again.QuoteNumber, err, qin.QuoteNumber)
	}

	express := f.renewalInput(t, "400001", "1000005")
	eq, err := f.prepare(t, express)
	if err != nil {
		t.Fatal(err)
	}
	var unit int64
	f.scan(t, &unit, `SELECT unit_minor FROM prices WHERE product_id = ? AND currency = 'IDR' AND price_level = ?`,
		eq.Issue.Lines[0].ProductID, models.PriceLevelExpress)
	if eq.Currency != "IDR" || eq.Issue.Lines[0].Unit.Minor != unit || eq.QuoteNumber == qin.QuoteNumber {
		t.Fatalf("express quote = %+v", eq)
	}
}

// Nothing due on the date is NothingDue; a customer without a renewal rep
// falls back to its sales rep, and without either is NoRenewalRep (both
// non-retryable); a part without a price at the site's level leaves the
// quote to the rep to price, saying which.
func TestPrepareRenewalQuoteRefusesWhatItCannotQuote(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300001", "1000001")
	other := in
	other.DueDate = in.DueDate.AddDate(0, 0, 1)
	_, err := f.prepare(t, other)
	wantNonRetryable(t, err, renewal.ErrNothingDue)

	f.exec(t, "UPDATE customers SET renewal_rep_id = NULL WHERE id = ?", in.CustomerID)
	if qin, err := f.prepare(t, in); err != nil || qin.Rep.Email != salesRep {
		t.Fatalf("without a renewal rep: %+v, %v; want the sales rep", qin.Rep, err)
	}
	f.exec(t, "UPDATE customers SET sales_rep_id = NULL WHERE id = ?", in.CustomerID)
	_, err = f.prepare(t, in)
	wantNonRetryable(t, err, renewal.ErrNoRep)

	f.exec(t, "UPDATE customers SET renewal_rep_id = (SELECT id FROM users WHERE email = ?) WHERE id = ?", renewalRep, in.CustomerID)
	f.exec(t, `DELETE FROM prices WHERE currency = 'USD' AND price_level = 'E' AND product_id = (SELECT id FROM products WHERE part_number = 'E0R50LL')`)
	qin, err := f.prepare(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if qin.Issue != nil || len(qin.Lines) != 4 || !strings.Contains(qin.Note, "E0R50LL") {
		t.Fatalf("with a part unpriced: issue %+v, lines %d, note %q", qin.Issue, len(qin.Lines), qin.Note)
	}
}
