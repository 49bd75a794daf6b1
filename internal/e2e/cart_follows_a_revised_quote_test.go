package e2e_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
)

// The cart over HTTP with the real worker (issue 9 tests, E3/E4): alice
// asks for a quote, the sales rep issues it, alice puts it in her cart with
// a catalog item, removes one of its lines (a change request on the
// quote), the rep revises, the cart follows version 2 and is ready.
func TestCartFollowsARevisedQuote(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me := w.Token(alice)
	rep := w.Token("sales@ibm.example.com", auth.RoleSalesRep)
	do := func(method, path, token string, body any, want int, v any) {
		t.Helper()
		r := w.Do(method, path, token, body)
		if r.Status != want {
			t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, want, r.Body)
		}
		if v != nil {
			r.JSON(t, v)
		}
	}
	type cart struct {
		Quotes []struct {
			State   string `json:"state"`
			Version int    `json:"version"`
			Lines   []struct {
				PartNumber string `json:"part_number"`
			} `json:"lines"`
			Total struct {
				Minor int64 `json:"amount_minor"`
			} `json:"total"`
		} `json:"quotes"`
		Items []struct {
			LineTotal struct {
				Minor int64 `json:"amount_minor"`
			} `json:"line_total"`
		} `json:"items"`
		Total struct {
			Minor int64 `json:"amount_minor"`
		} `json:"total"`
	}
	var q struct {
		QuoteNumber string `json:"quote_number"`
		Versions    []struct {
			Total struct {
				Minor int64 `json:"amount_minor"`
			} `json:"total"`
		} `json:"versions"`
	}
	do("POST", "/v1/sites/300001/quotes", me, map[string]any{"lines": []map[string]any{
		{"part_number": "D0R4ZLL", "quantity": 2}, {"part_number": "E0MQ2LL", "quantity": 50}}, "note": "Austin cluster"}, http.StatusCreated, &q)
	n := q.QuoteNumber
	do("POST", "/v1/staff/quotes/"+n+"/issue", rep, map[string]any{}, http.StatusOK, nil)

	var c cart
	do("POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "BMQ94EN", "quantity": 2}, http.StatusCreated, nil)
	do("POST", "/v1/sites/300001/cart/quotes", me, map[string]any{"quote_number": n}, http.StatusCreated, &c)
	if len(c.Quotes) != 1 || c.Quotes[0].Version != 1 || len(c.Quotes[0].Lines) != 2 {
		t.Fatalf("cart with v1: %+v", c)
	}

	do("DELETE", "/v1/sites/300001/cart/items/"+n+":E0MQ2LL", me, nil, http.StatusAccepted, &c)
	var rd struct {
		Ready   bool `json:"ready"`
		Reasons []struct {
			Code        string `json:"code"`
			QuoteNumber string `json:"quote_number"`
		} `json:"reasons"`
	}
	do("GET", "/v1/sites/300001/cart/checkout-readiness", me, nil, http.StatusOK, &rd)
	if rd.Ready || len(rd.Reasons) != 1 || rd.Reasons[0].Code != "quote_awaiting_revision" || rd.Reasons[0].QuoteNumber != n {
		t.Fatalf("readiness while the change awaits the rep: %+v", rd)
	}

	do("POST", "/v1/staff/quotes/"+n+"/issue", rep, map[string]any{}, http.StatusOK, &q)
	do("GET", "/v1/sites/300001/cart", me, nil, http.StatusOK, &c)
	g := c.Quotes[0]
	if g.State != "ready" || g.Version != 2 || len(g.Lines) != 1 || g.Lines[0].PartNumber != "D0R4ZLL" ||
		g.Total.Minor != q.Versions[1].Total.Minor || c.Total.Minor != g.Total.Minor+c.Items[0].LineTotal.Minor {
		t.Fatalf("cart after the revision: %+v", c)
	}
	do("GET", "/v1/sites/300001/cart/checkout-readiness", me, nil, http.StatusOK, &rd)
	if !rd.Ready || len(rd.Reasons) != 0 {
		t.Fatalf("readiness after the revision: %+v", rd)
	}
}
