package api_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// quoteView is the part of a quote the API tests read.
type quoteView struct {
	QuoteNumber    string `json:"quote_number"`
	Status         string `json:"status"`
	CurrentVersion int    `json:"current_version"`
	Versions       []struct {
		Version int `json:"version"`
		Total   struct {
			Minor    int64  `json:"amount_minor"`
			Currency string `json:"currency"`
		} `json:"total"`
		Lines []struct {
			PartNumber string `json:"part_number"`
			Quantity   int64  `json:"quantity"`
			UnitPrice  struct {
				Minor    int64  `json:"amount_minor"`
				Currency string `json:"currency"`
			} `json:"unit_price"`
			DiscountBP int `json:"discount_bp"`
			LineTotal  struct {
				Minor int64 `json:"amount_minor"`
			} `json:"line_total"`
		} `json:"lines"`
	} `json:"versions"`
}

// repDo sends a request as the demo sales rep (role sales-rep).
func repDo(a *testenv.App, method, path string, body any) testenv.Response {
	return a.Do(method, path, a.Token(salesRep, "sales-rep"), body)
}

// requestQuote asks for a quote on 300001 as alice.
func requestQuote(t *testing.T, a *testenv.App, body any) quoteView {
	t.Helper()
	r := a.Do("POST", acmeSite+"/quotes", tokenFor(a, alice), body)
	if r.Status != http.StatusCreated {
		t.Fatalf("request quote = %d %s", r.Status, r.Body)
	}
	var v quoteView
	r.JSON(t, &v)
	return v
}

// issueQuote has the sales rep issue n with body and returns the quote.
func issueQuote(t *testing.T, a *testenv.App, n string, body any) quoteView {
	t.Helper()
	r := repDo(a, "POST", "/v1/staff/quotes/"+n+"/issue", body)
	if r.Status != http.StatusOK {
		t.Fatalf("issue %s = %d %s", n, r.Status, r.Body)
	}
	var v quoteView
	r.JSON(t, &v)
	return v
}
