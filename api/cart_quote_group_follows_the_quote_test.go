package api_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// An open quote goes into the cart as one group at its locked prices;
// twice, or a quote that is not open, is a 409. Editing a quote line does
// not edit the quote: it files the quote's change request and the group
// awaits the revised quote (readiness names it); a declined change leaves
// the version that stands; a revision is followed at view time.
func TestCartQuoteGroupFollowsTheQuote(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	cart := acmeSite + "/cart"
	q := requestQuote(t, a, quoteRequest())
	p := assertProblem(t, a.Do("POST", cart+"/quotes", tokenFor(a, alice), map[string]any{"quote_number": q.QuoteNumber}), http.StatusConflict, "conflict")
	if p.Rule != "E3" {
		t.Errorf("a requested quote: %+v", p)
	}
	v1 := issueQuote(t, a, q.QuoteNumber, `{}`)
	cartDo(t, a, alice, "POST", cart+"/items", map[string]any{"part_number": "BMQ94EN", "quantity": 1}, http.StatusCreated)
	v, _ := cartDo(t, a, alice, "POST", cart+"/quotes", map[string]any{"quote_number": q.QuoteNumber}, http.StatusCreated)
	g := v.Quotes[0]
	if g.State != "ready" || g.Version != 1 || g.AddedVersion != 1 || len(g.Lines) != 2 || g.Total.Minor != v1.Versions[0].Total.Minor ||
		v.Total.Minor != g.Total.Minor+v.Items[0].LineTotal.Minor || !v.Readiness.Ready {
		t.Fatalf("cart with the quote: %+v", v)
	}
	assertProblem(t, a.Do("POST", cart+"/quotes", tokenFor(a, alice), map[string]any{"quote_number": q.QuoteNumber}), http.StatusConflict, "conflict")
	// Another site's quote is none of this site's.
	other := newQuoteOn(t, a, "300002", heidi)
	p = assertProblem(t, a.Do("POST", cart+"/quotes", tokenFor(a, bob), map[string]any{"quote_number": other}), http.StatusNotFound, "not-found")
	if !namesField(p, "quote_number") {
		t.Errorf("another site's quote: %+v", p)
	}

	// A new quantity for a quote line: a change request, the quote not edited.
	v, _ = cartDo(t, a, alice, "PATCH", cart+"/items/"+q.QuoteNumber+":D0R4ZLL",
		map[string]any{"quantity": 5, "note": "five cores please"}, http.StatusAccepted)
	g = v.Quotes[0]
	if g.State != "awaiting_revised_quote" || g.Reason != "five cores please" || g.Version != 1 || g.Lines[0].Quantity != 2 {
		t.Fatalf("after the change request: %+v", g)
	}
	if c := v.Readiness.codes(); len(c) != 1 || c[0] != "quote_awaiting_revision "+q.QuoteNumber {
		t.Fatalf("readiness awaiting a revision: %v", c)
	}
	// A second change while one is pending: refused, nothing changed.
	assertProblem(t, a.Do("DELETE", cart+"/items/"+q.QuoteNumber+":E0MQ2LL", tokenFor(a, alice), nil), http.StatusConflict, "conflict")

	// The rep declines: the version that stands, ready again.
	if r := repDo(a, "POST", "/v1/staff/quotes/"+q.QuoteNumber+"/decline-change", reason("two is the minimum")); r.Status != http.StatusOK {
		t.Fatalf("decline-change = %d %s", r.Status, r.Body)
	}
	v, _ = cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	g = v.Quotes[0]
	if g.State != "ready" || g.Version != 1 || g.LastChange == nil || g.LastChange.Status != "declined" ||
		g.LastChange.AnswerReason != "two is the minimum" || !v.Readiness.Ready {
		t.Fatalf("after the decline: %+v", v)
	}

	// Removing a quote line, then the rep revises: the group follows v2.
	cartDo(t, a, alice, "DELETE", cart+"/items/"+q.QuoteNumber+":E0MQ2LL", nil, http.StatusAccepted)
	v2 := issueQuote(t, a, q.QuoteNumber, `{}`)
	v, _ = cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	g = v.Quotes[0]
	if g.State != "ready" || g.Version != 2 || g.AddedVersion != 1 || len(g.Lines) != 1 || g.Lines[0].PartNumber != "D0R4ZLL" ||
		g.Total.Minor != v2.Versions[1].Total.Minor || !v.Readiness.Ready {
		t.Fatalf("after the revision: %+v", v)
	}
	var n int64
	a.Runtime.DB.Raw(`SELECT count(*) FROM audit_log WHERE object_type = 'cart' AND action = 'cart.quote_change_requested'`).Scan(&n)
	if n != 2 {
		t.Errorf("%d change-request audit rows, want 2", n)
	}

	// A closed quote: the group says so and readiness names it.
	if r := a.Do("POST", "/v1/quotes/"+q.QuoteNumber+"/cancel", tokenFor(a, alice), map[string]any{}); r.Status != http.StatusOK {
		t.Fatalf("cancel = %d %s", r.Status, r.Body)
	}
	v, _ = cartDo(t, a, alice, "GET", cart, nil, http.StatusOK)
	if c := v.Readiness.codes(); v.Quotes[0].State != "closed" || len(c) != 1 || c[0] != "quote_closed "+q.QuoteNumber {
		t.Fatalf("a cancelled quote: %+v", v)
	}
	assertProblem(t, a.Do("PATCH", cart+"/items/"+q.QuoteNumber+":D0R4ZLL", tokenFor(a, alice), map[string]any{"quantity": 3}), http.StatusConflict, "conflict")
}

// newQuoteOn asks for a quote on site as who and returns its number.
func newQuoteOn(t *testing.T, a *testenv.App, site, who string) string {
	t.Helper()
	r := a.Do("POST", "/v1/sites/"+site+"/quotes", tokenFor(a, who), quoteRequest())
	if r.Status != http.StatusCreated {
		t.Fatalf("quote on %s = %d %s", site, r.Status, r.Body)
	}
	var v quoteView
	r.JSON(t, &v)
	return v.QuoteNumber
}
