package api_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// renewalQuoteColumns are the documented columns of the renewal quotes
// CSV (docs/api.md).
var renewalQuoteColumns = []string{"quote_number", "site_number", "site_name", "agreement_number", "due_date",
	"renewal_status", "quote_status", "channel", "current_version", "valid_until", "total_minor", "currency",
	"order_ref", "external_order"}

// TestReportsRenewalQuotesCSVMatchesTheJSON (B4): the renewal quotes of
// the agreement's sites bob reports on (300001 and 300002), read as JSON
// two rows a page, soonest due first, and downloaded as CSV (format=csv
// and Accept: text/csv alike) and parsed back: the same rows, in the same
// order, with the same values. A renewal whose quote is not issued yet is
// no renewal quote and is in neither.
func TestReportsRenewalQuotesCSVMatchesTheJSON(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	var want []string
	for _, s := range []renewalSpec{
		{site: "300001", due: renewalDay(2027, 3, 1), status: models.RenewalQuoted, quote: models.QuoteOpen},
		{site: "300002", due: renewalDay(2027, 1, 15), status: models.RenewalRenewed, quote: models.QuoteOrdered},
		{site: "300001", due: renewalDay(2026, 12, 1), status: models.RenewalLapsed, quote: models.QuoteExpired},
		{site: "300002", due: renewalDay(2027, 6, 30), status: models.RenewalAwaitingOrder, quote: models.QuoteOpen,
			channel: models.ChannelBusinessPartner, partner: "Northgate"},
		{site: "300001", due: renewalDay(2027, 9, 1), status: models.RenewalQuoted, quote: models.QuoteChangeRequested},
	} {
		want = append(want, renewalFixture(t, db, s).quoteNumber)
	}
	renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2028, 1, 1), status: models.RenewalVerifying})
	// Soonest due first.
	want = []string{want[2], want[1], want[0], want[3], want[4]}

	path := "/v1/sites/300001/reports/renewal-quotes?scope=agreement"
	first, rows := reportAll(t, a, path, bob, 2)
	if got := refs(rows, "quote_number"); !slices.Equal(got, want) {
		t.Fatalf("JSON renewal quotes %v, want %v", got, want)
	}
	if first.Scope != "agreement" || first.Agreement != "2000001" || !slices.Equal(first.sites(), []string{"300001", "300002"}) {
		t.Errorf("coverage = %s %s %v, want agreement 2000001 over 300001 and 300002", first.Scope, first.Agreement, first.sites())
	}
	if rows[1]["site_number"] != "300002" || rows[1]["renewal_status"] != "renewed" || rows[1]["quote_status"] != "ordered" ||
		jsonCell(rows[1], "currency") != "EUR" || jsonCell(rows[1], "total_minor") == "" {
		t.Errorf("second row = %v, want 300002's renewed quote priced in EUR", rows[1])
	}

	for _, accept := range []bool{false, true} {
		header, records, r := reportCSV(t, a, path, bob, accept)
		assertCSVMatchesJSON(t, header, renewalQuoteColumns, records, rows)
		if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "renewal-quotes-agreement-2000001-") || !strings.HasPrefix(cd, "attachment") {
			t.Errorf("Content-Disposition %q, want an attachment named for the agreement", cd)
		}
	}
}
