package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pao/pao/models"
)

// TestReportsRenewalQuotesAreFiltered: the renewal quotes report narrows
// by quote number, by due date (due_from and due_to, both inclusive) and
// by the quote's status, and refuses a bad filter with a 400 naming it.
func TestReportsRenewalQuotesAreFiltered(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	jan := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2027, 1, 31), status: models.RenewalQuoted, quote: models.QuoteOpen})
	feb := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2027, 2, 28), status: models.RenewalRenewed, quote: models.QuoteOrdered})
	mar := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2027, 3, 31), status: models.RenewalQuoted, quote: models.QuoteOpen})
	const path = "/v1/sites/300001/reports/renewal-quotes"

	for _, c := range []struct {
		params []string
		want   []string
	}{
		{nil, []string{jan.quoteNumber, feb.quoteNumber, mar.quoteNumber}},
		{[]string{"quote_number", feb.quoteNumber}, []string{feb.quoteNumber}},
		{[]string{"quote_number", "RQ-2027-999999"}, []string{}},
		{[]string{"due_from", "2027-02-28"}, []string{feb.quoteNumber, mar.quoteNumber}},
		{[]string{"due_to", "2027-02-28"}, []string{jan.quoteNumber, feb.quoteNumber}},
		{[]string{"due_from", "2027-02-01", "due_to", "2027-03-30"}, []string{feb.quoteNumber}},
		{[]string{"status", "open"}, []string{jan.quoteNumber, mar.quoteNumber}},
		{[]string{"status", "open", "due_from", "2027-03-01"}, []string{mar.quoteNumber}},
	} {
		p := reportGet(t, a, withQuery(path, c.params...), henry)
		if got := refs(p.rows(), "quote_number"); !slices.Equal(got, c.want) {
			t.Errorf("%v: %v, want %v", c.params, got, c.want)
		}
	}

	for _, c := range []struct {
		params []string
		field  string
	}{
		{[]string{"quote_number", "RQ-2027"}, "quote_number"},
		{[]string{"due_from", "2027-02-30"}, "due_from"},
		{[]string{"due_to", "31/03/2027"}, "due_to"},
		{[]string{"due_from", "2027-03-01", "due_to", "2027-02-01"}, "due_to"},
		{[]string{"status", "pending"}, "status"},
		{[]string{"scope", "customer"}, "scope"},
		{[]string{"site", "300002"}, "site"},
		{[]string{"scope", "agreement", "site", "30O002"}, "site"},
		{[]string{"limit", "0"}, "limit"},
		{[]string{"page_token", "not-a-token"}, "page_token"},
		{[]string{"format", "xlsx"}, "format"},
	} {
		r := a.Do("GET", withQuery(path, c.params...), tokenFor(a, henry), nil)
		p := assertProblem(t, r, http.StatusBadRequest, "validation")
		if len(p.Errors) != 1 || p.Errors[0].Field != c.field {
			t.Errorf("%v: errors %+v, want one naming %s", c.params, p.Errors, c.field)
		}
	}
}
