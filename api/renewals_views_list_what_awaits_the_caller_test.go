package api_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// renewalViewsWorld is the seeded API with renewals of 300001 (alice's;
// bob and grace have software full there too), 300002 (heidi's and bob's)
// and 300101 (budi's, another customer) in every status.
type renewalViewsWorld struct {
	a                          *testenv.App
	quoted, verifying, renewed renewalFx // 300001
	lapsed                     renewalFx // 300001
	frankfurt                  renewalFx // 300002, awaiting the Business Partner's order
	jakarta                    renewalFx // 300101
}

func startRenewalViews(t *testing.T) renewalViewsWorld {
	t.Helper()
	a := startSeeded(t)
	db := a.Runtime.DB
	return renewalViewsWorld{
		a:         a,
		quoted:    renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 3, 20), status: models.RenewalQuoted, quote: models.QuoteOpen}),
		verifying: renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 6, 15), status: models.RenewalVerifying}),
		renewed: renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2031, 3, 5), status: models.RenewalRenewed,
			quote: models.QuoteOrdered, verifiedBy: alice}),
		lapsed: renewalFixture(t, db, renewalSpec{site: "300001", due: renewalDay(2030, 12, 31), status: models.RenewalLapsed,
			quote: models.QuoteExpired, reminders: []string{"reminder-60d", "reminder-30d", "reminder-7d"}}),
		frankfurt: renewalFixture(t, db, renewalSpec{site: "300002", due: renewalDay(2031, 3, 10), status: models.RenewalAwaitingOrder,
			quote: models.QuoteOpen, channel: models.ChannelBusinessPartner, partner: "Mitra Solusi"}),
		jakarta: renewalFixture(t, db, renewalSpec{site: "300101", due: renewalDay(2031, 2, 1), status: models.RenewalQuoted, quote: models.QuoteOpen}),
	}
}

// renewalList sends GET /v1/renewals?query as who and returns the
// entries and the next page token.
func renewalList(t *testing.T, a *testenv.App, who, query string) ([]renewalSummary, string) {
	t.Helper()
	r := a.Do("GET", "/v1/renewals?"+query, tokenFor(a, who), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET /v1/renewals?%s as %s = %d %s", query, who, r.Status, r.Body)
	}
	var v struct {
		View     string           `json:"view"`
		Renewals []renewalSummary `json:"renewals"`
		Next     string           `json:"next_page_token"`
	}
	r.JSON(t, &v)
	if v.Renewals == nil {
		t.Fatalf("GET /v1/renewals?%s as %s: no renewals array: %s", query, who, r.Body)
	}
	return v.Renewals, v.Next
}

func renewalKeys(rs []renewalSummary) []string {
	out := []string{}
	for _, r := range rs {
		if r.QuoteNumber != "" {
			out = append(out, r.QuoteNumber)
		} else {
			out = append(out, r.Reference)
		}
	}
	return out
}

// TestRenewalsAwaitingActionCoverTheCallersSoftwareFullSites (F3): the
// default view lists every renewal not yet renewed or lapsed on the sites
// where the caller has Software & services at full — nobody else's —
// soonest due first, with what the caller can do on each (only the
// Primary verifies the contacts), paged with page tokens.
func TestRenewalsAwaitingActionCoverTheCallersSoftwareFullSites(t *testing.T) {
	t.Parallel()
	w := startRenewalViews(t)
	for who, want := range map[string][]string{
		alice: {w.quoted.key, w.verifying.key},
		grace: {w.quoted.key, w.verifying.key},
		bob:   {w.frankfurt.key, w.quoted.key, w.verifying.key},
		heidi: {w.frankfurt.key},
		budi:  {w.jakarta.key},
		// Access to 300001 (and 300002) below full, or none at all.
		carol: {}, dave: {}, erin: {}, henry: {}, frank: {}, ops: {},
	} {
		got, next := renewalList(t, w.a, who, "")
		if !slices.Equal(renewalKeys(got), want) || next != "" {
			t.Errorf("awaiting as %s = %v (next %q), want %v", who, renewalKeys(got), next, want)
		}
	}
	if k := w.verifying.key; !strings.HasPrefix(k, "300001-") {
		t.Fatalf("a renewal before its quote is named by its reference, got %q", k)
	}

	got, _ := renewalList(t, w.a, alice, "view=awaiting")
	byKey := map[string]renewalSummary{}
	for _, r := range got {
		byKey[renewalKeys([]renewalSummary{r})[0]] = r
	}
	q := byKey[w.quoted.key]
	if q.Status != "quoted" || q.QuoteStatus != "open" || q.DueDate != "2031-03-20" || q.SiteNumber != "300001" ||
		q.Total == nil || q.Total.Minor != w.quoted.total || q.Total.Currency != "USD" {
		t.Errorf("the quoted renewal as listed: %+v (want total %d USD)", q, w.quoted.total)
	}
	if want := []string{"verify_contacts", "choose_channel", "order_online", "request_changes"}; !slices.Equal(q.Actions, want) {
		t.Errorf("alice's actions on the quoted renewal = %v, want %v", q.Actions, want)
	}
	for link, want := range map[string]string{"self": "/v1/renewals/" + w.quoted.key, "quote": "/v1/quotes/" + w.quoted.key,
		"verify_contacts": "/v1/renewals/" + w.quoted.key + "/verify-contacts", "channel": "/v1/renewals/" + w.quoted.key + "/channel",
		"add_to_cart": "/v1/sites/300001/cart/quotes", "change_requests": "/v1/quotes/" + w.quoted.key + "/change-requests"} {
		if q.Links[link] != want {
			t.Errorf("link %s = %q, want %q", link, q.Links[link], want)
		}
	}
	if v := byKey[w.verifying.key]; !slices.Equal(v.Actions, []string{"verify_contacts"}) || v.QuoteNumber != "" || v.Total != nil {
		t.Errorf("the renewal before its quote as listed for alice: %+v", v)
	}
	// Not the Primary: no verification offered.
	got, _ = renewalList(t, w.a, bob, "")
	for _, r := range got {
		if slices.Contains(r.Actions, "verify_contacts") {
			t.Errorf("bob (not a Primary) is offered verify_contacts on %s", r.Reference)
		}
		if r.Reference == w.frankfurt.reference && !slices.Equal(r.Actions, []string{"choose_channel"}) {
			t.Errorf("bob's actions on the renewal awaiting the partner's order = %v, want [choose_channel]", r.Actions)
		}
	}

	// Pages of one, soonest due first, each renewal once.
	var paged []string
	token := ""
	for i := 0; i < 5; i++ {
		q := "limit=1"
		if token != "" {
			q += "&page_token=" + url.QueryEscape(token)
		}
		page, next := renewalList(t, w.a, bob, q)
		paged = append(paged, renewalKeys(page)...)
		if token = next; token == "" {
			break
		}
	}
	if want := []string{w.frankfurt.key, w.quoted.key, w.verifying.key}; !slices.Equal(paged, want) {
		t.Errorf("bob's pages of one = %v, want %v", paged, want)
	}
}

// TestRenewalsByMonthTotalEachCurrency (F3): the renewal quotes of the
// caller's sites per month of due date, earliest first, each month with
// its count, its counts per status, its current versions' totals per
// currency and its quote numbers (soonest due first); a renewal without a
// quote yet is not a renewal quote.
func TestRenewalsByMonthTotalEachCurrency(t *testing.T) {
	t.Parallel()
	w := startRenewalViews(t)
	type month struct {
		Month    string         `json:"month"`
		Quotes   int            `json:"quotes"`
		ByStatus map[string]int `json:"by_status"`
		Totals   []struct {
			Minor    int64  `json:"amount_minor"`
			Currency string `json:"currency"`
		} `json:"totals"`
		QuoteNumbers []string `json:"quote_numbers"`
	}
	months := func(who, query string) []month {
		t.Helper()
		r := w.a.Do("GET", "/v1/renewals?view=by-month"+query, tokenFor(w.a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("by-month as %s = %d %s", who, r.Status, r.Body)
		}
		var v struct {
			Months []month `json:"months"`
		}
		r.JSON(t, &v)
		return v.Months
	}
	usd := w.quoted.total // every 300001 quote prices the same coverage
	got := months(bob, "")
	if len(got) != 2 {
		t.Fatalf("bob's months = %+v, want 2030-12 and 2031-03", got)
	}
	dec, mar := got[0], got[1]
	if dec.Month != "2030-12" || dec.Quotes != 1 || dec.ByStatus["lapsed"] != 1 || len(dec.Totals) != 1 ||
		dec.Totals[0].Currency != "USD" || dec.Totals[0].Minor != usd || !slices.Equal(dec.QuoteNumbers, []string{w.lapsed.quoteNumber}) {
		t.Errorf("2030-12 = %+v", dec)
	}
	if mar.Month != "2031-03" || mar.Quotes != 3 ||
		mar.ByStatus["renewed"] != 1 || mar.ByStatus["awaiting_external_order"] != 1 || mar.ByStatus["quoted"] != 1 ||
		!slices.Equal(mar.QuoteNumbers, []string{w.renewed.quoteNumber, w.frankfurt.quoteNumber, w.quoted.quoteNumber}) {
		t.Errorf("2031-03 = %+v", mar)
	}
	if len(mar.Totals) != 2 || mar.Totals[0].Currency != "EUR" || mar.Totals[0].Minor != w.frankfurt.total ||
		mar.Totals[1].Currency != "USD" || mar.Totals[1].Minor != 2*usd {
		t.Errorf("2031-03 totals = %+v, want EUR %d and USD %d", mar.Totals, w.frankfurt.total, 2*usd)
	}
	// alice: 300001 only.
	got = months(alice, "")
	if len(got) != 2 || got[1].Quotes != 2 || len(got[1].Totals) != 1 || got[1].Totals[0].Minor != 2*usd {
		t.Errorf("alice's months = %+v", got)
	}
	// Narrowed to a customer; nobody else's months.
	if got := months(budi, "&customer=1000002"); len(got) != 1 || got[0].Month != "2031-02" || got[0].Totals[0].Currency != "IDR" {
		t.Errorf("budi's months of 1000002 = %+v", got)
	}
	if got := months(carol, ""); len(got) != 0 {
		t.Errorf("carol (software below full) has months %+v", got)
	}
}

// TestRenewalDetailsByAgreementOrCustomer (F3): with agreement= or
// customer= every renewal of the caller's software-full sites of it, in
// any status, newest due first, as its quote screen; an agreement or
// customer with none of the caller's software-full sites is a 404 worded
// the same whether it exists or not; bad parameters are 400s naming them.
func TestRenewalDetailsByAgreementOrCustomer(t *testing.T) {
	t.Parallel()
	w := startRenewalViews(t)
	detailsOf := func(who, query string) []renewalScreen {
		t.Helper()
		r := w.a.Do("GET", "/v1/renewals?"+query, tokenFor(w.a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET /v1/renewals?%s as %s = %d %s", query, who, r.Status, r.Body)
		}
		var v struct {
			View     string          `json:"view"`
			Renewals []renewalScreen `json:"renewals"`
		}
		r.JSON(t, &v)
		if v.View != "details" {
			t.Errorf("GET /v1/renewals?%s: view %q, want details", query, v.View)
		}
		return v.Renewals
	}
	keys := func(rs []renewalScreen) []string {
		out := []string{}
		for _, r := range rs {
			if r.QuoteNumber != "" {
				out = append(out, r.QuoteNumber)
			} else {
				out = append(out, r.Reference)
			}
		}
		return out
	}
	all300001 := []string{w.verifying.key, w.quoted.key, w.renewed.key, w.lapsed.key}
	if got := keys(detailsOf(alice, "agreement=2000001")); !slices.Equal(got, all300001) {
		t.Errorf("alice's renewals of agreement 2000001 = %v, want %v", got, all300001)
	}
	bobs := []string{w.verifying.key, w.quoted.key, w.frankfurt.key, w.renewed.key, w.lapsed.key}
	for _, q := range []string{"agreement=2000001", "customer=1000001", "customer=1000001&agreement=2000001"} {
		if got := keys(detailsOf(bob, q)); !slices.Equal(got, bobs) {
			t.Errorf("bob's renewals ?%s = %v, want %v", q, got, bobs)
		}
	}
	rs := detailsOf(alice, "customer=1000001")
	for _, r := range rs {
		if r.QuoteNumber == w.quoted.quoteNumber {
			if r.Quote == nil || len(r.Quote.Lines) != w.quoted.lines || r.Quote.Total.Minor != w.quoted.total ||
				r.Account.AgreementNumber != "2000001" || r.SalesRep == nil || r.SalesRep.Email != renewalRep {
				t.Errorf("details of %s: %+v", w.quoted.quoteNumber, r)
			}
		}
		if r.Reference == w.lapsed.reference && !slices.Equal(r.Renewal.RemindersSent, []string{"reminder-60d", "reminder-30d", "reminder-7d"}) {
			t.Errorf("the lapsed renewal's reminders = %v", r.Renewal.RemindersSent)
		}
	}
	// The awaiting view narrowed to an agreement.
	got, _ := renewalList(t, w.a, bob, "view=awaiting&agreement=2000001")
	if want := []string{w.frankfurt.key, w.quoted.key, w.verifying.key}; !slices.Equal(renewalKeys(got), want) {
		t.Errorf("bob's awaiting renewals of 2000001 = %v, want %v", renewalKeys(got), want)
	}
	if got := keys(detailsOf(budi, "agreement=2000002")); !slices.Equal(got, []string{w.jakarta.key}) {
		t.Errorf("budi's renewals of 2000002 = %v", got)
	}

	// Another customer's agreement, one that does not exist, and one where
	// the caller's access is below full: the same 404, nothing of it shown.
	var details404 string
	for _, c := range []struct{ who, q string }{
		{alice, "agreement=2000002"}, {alice, "agreement=9999999"}, {alice, "customer=1000002"}, {alice, "customer=9999999"},
		{carol, "agreement=2000001"}, {frank, "customer=1000001"}, {heidi, "customer=1000002"},
	} {
		r := w.a.Do("GET", "/v1/renewals?"+c.q, tokenFor(w.a, c.who), nil)
		p := assertProblem(t, r, http.StatusNotFound, "not-found")
		for _, leak := range []string{"Nusantara", "Acme", w.jakarta.quoteNumber, w.quoted.quoteNumber} {
			if strings.Contains(string(r.Body), leak) {
				t.Errorf("GET /v1/renewals?%s as %s leaks %q: %s", c.q, c.who, leak, r.Body)
			}
		}
		if strings.HasPrefix(c.q, "agreement=") && c.who == alice {
			if details404 != "" && p.Detail != details404 {
				t.Errorf("404 of ?%s = %q, another said %q: the answer tells which agreements exist", c.q, p.Detail, details404)
			}
			details404 = p.Detail
		}
	}

	for q, field := range map[string]string{
		"agreement=abc": "agreement", "agreement=": "agreement", "customer=12": "customer", "customer=" + strings.Repeat("1", 11): "customer",
		"view=list": "view", "limit=0": "limit", "limit=201": "limit", "page_token=zzz": "page_token",
		"page_token=1.0": "page_token", "view=by-month&page_token=1.1": "page_token",
	} {
		r := w.a.Do("GET", "/v1/renewals?"+q, tokenFor(w.a, bob), nil)
		p := assertProblem(t, r, http.StatusBadRequest, "validation")
		if !namesField(p, field) {
			t.Errorf("GET /v1/renewals?%s: problem does not name %s: %s", q, field, r.Body)
		}
	}
}
