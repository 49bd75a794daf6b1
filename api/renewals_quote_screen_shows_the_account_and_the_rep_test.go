package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestRenewalQuoteScreenShowsTheAccountAndTheRep (F4): the renewal quote
// screen — by its quote number, or by its reference before (and after) the
// quote is issued — shows the renewal (status, channel, due date,
// verification, reminders), the quote's current version with its priced
// lines and total, the account section (customer number, agreement, due
// date) and the sales representative section (the renewal rep's name,
// email and phone). It needs software full on the renewal's site: below
// full 403, without access to the site (another site's renewal, a number
// that does not exist or is not a renewal quote's) 404.
func TestRenewalQuoteScreenShowsTheAccountAndTheRep(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	quoted := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 3, 20), status: models.RenewalQuoted,
		quote: models.QuoteOpen, reminders: []string{"reminder-60d"}, verifiedBy: alice})
	early := renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 9, 1), status: models.RenewalVerifying})
	frankfurt := renewalFixture(t, db, renewalSpec{site: "300002", due: renewalDay(2031, 3, 10), status: models.RenewalAwaitingOrder,
		quote: models.QuoteOpen, channel: models.ChannelRenewalRep})

	screen := func(who, key string) renewalScreen {
		t.Helper()
		r := a.Do("GET", "/v1/renewals/"+key, tokenFor(a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET /v1/renewals/%s as %s = %d %s", key, who, r.Status, r.Body)
		}
		var v renewalScreen
		r.JSON(t, &v)
		return v
	}
	for _, who := range []string{alice, bob, grace} {
		for _, key := range []string{quoted.quoteNumber, quoted.reference} {
			s := screen(who, key)
			if s.QuoteNumber != quoted.quoteNumber || s.Reference != quoted.reference {
				t.Errorf("GET /v1/renewals/%s as %s names %q / %q", key, who, s.QuoteNumber, s.Reference)
			}
			rn := s.Renewal
			if rn.Status != "quoted" || rn.Channel != "online" || rn.DueDate != "2031-03-20" || !rn.Verification.Verified ||
				rn.Verification.By != alice || !slices.Equal(rn.RemindersSent, []string{"reminder-60d"}) ||
				rn.WorkflowID != "renewal/300001/2031-03-20" {
				t.Errorf("renewal information as %s: %+v", who, rn)
			}
			q := s.Quote
			if q == nil || q.QuoteNumber != quoted.quoteNumber || q.Status != "open" || q.CurrentVersion != 1 ||
				q.Total.Minor != quoted.total || q.Total.Currency != "USD" || len(q.Lines) != quoted.lines {
				t.Fatalf("quote as %s: %+v", who, q)
			}
			var sum int64
			for i, l := range q.Lines {
				if l.UnitPrice.Minor != int64(i+1)*10000 || l.LineTotal.Minor != l.UnitPrice.Minor*l.Quantity {
					t.Errorf("line %d: %+v", i+1, l)
				}
				sum += l.LineTotal.Minor
			}
			if sum != q.Total.Minor {
				t.Errorf("lines sum to %d, total %d", sum, q.Total.Minor)
			}
			if ac := s.Account; ac.CustomerNumber != "1000001" || ac.CustomerName != "Acme Corporation" ||
				ac.AgreementNumber != "2000001" || ac.SiteNumber != "300001" || ac.RenewalDueDate != "2031-03-20" {
				t.Errorf("account as %s: %+v", who, ac)
			}
			if rep := s.SalesRep; rep == nil || rep.Name != "Rini Kusuma" || rep.Email != renewalRep || rep.Phone != "+62 21 5550 0003" {
				t.Errorf("sales rep as %s: %+v", who, rep)
			}
		}
	}
	// Verified already: the Primary is not offered the verification.
	if s := screen(alice, quoted.key); slices.Contains(s.Actions, "verify_contacts") || s.Links["verify_contacts"] != "" {
		t.Errorf("verified contacts offered again: %v %v", s.Actions, s.Links)
	}

	// Before the quote: its reference, no quote, the customer's renewal rep.
	s := screen(alice, early.reference)
	if s.QuoteNumber != "" || s.Quote != nil || s.Renewal.Status != "verifying" || s.SalesRep == nil || s.SalesRep.Email != renewalRep ||
		s.Account.RenewalDueDate != "2031-09-01" || !slices.Equal(s.Actions, []string{"verify_contacts"}) ||
		s.Links["verify_contacts"] != "/v1/renewals/"+early.reference+"/verify-contacts" {
		t.Errorf("the renewal before its quote: %+v", s)
	}
	if s := screen(heidi, frankfurt.key); s.Renewal.Channel != "renewal_rep" || s.Renewal.Status != "awaiting_external_order" ||
		s.Account.SiteNumber != "300002" {
		t.Errorf("300002's renewal as heidi: %+v", s)
	}

	// Below full on the renewal's site: 403.
	for _, who := range []string{carol, dave, erin, henry} {
		r := a.Do("GET", "/v1/renewals/"+quoted.key, tokenFor(a, who), nil)
		assertProblem(t, r, http.StatusForbidden, "forbidden")
	}
	// No access to its site, another site's, unknown, not a renewal's: 404.
	notFound := func(who, key string) {
		t.Helper()
		r := a.Do("GET", "/v1/renewals/"+key, tokenFor(a, who), nil)
		p := assertProblem(t, r, http.StatusNotFound, "not-found")
		if p.Detail != "no such resource" {
			t.Errorf("GET /v1/renewals/%s as %s: detail %q tells more than no such resource", key, who, p.Detail)
		}
	}
	for _, who := range []string{heidi, budi, frank, ops} {
		notFound(who, quoted.key)
		notFound(who, early.reference)
	}
	for _, who := range []string{alice, dave} {
		notFound(who, frankfurt.key)
		notFound(who, frankfurt.reference)
	}
	for _, key := range []string{"RQ-2031-999999", "Q-2031-000001", strings.Replace(quoted.quoteNumber, "RQ-", "Q-", 1), "300001-2031-02-30", "300001-2031-03-19", "999999-2031-03-20",
		"300001", "RQ-2031-1", "300001-20310320"} {
		notFound(alice, key)
	}
}
