package api_test

import (
	"testing"

	"github.com/pao/pao/internal/testenv"
)

type money struct {
	Minor    int64  `json:"amount_minor"`
	Currency string `json:"currency"`
}

// cartView is the cart as the API tests read it.
type cartView struct {
	Currency string `json:"currency"`
	Items    []struct {
		Line           string `json:"line"`
		PartNumber     string `json:"part_number"`
		Quantity       int64  `json:"quantity"`
		UnitPrice      *money `json:"unit_price"`
		LineTotal      *money `json:"line_total"`
		PriceOnRequest bool   `json:"price_on_request"`
		PriceChanged   bool   `json:"price_changed"`
		PriceWhenAdded *money `json:"price_when_added"`
	} `json:"items"`
	Quotes []struct {
		QuoteNumber  string `json:"quote_number"`
		State        string `json:"state"`
		Reason       string `json:"reason"`
		Version      int    `json:"version"`
		AddedVersion int    `json:"added_version"`
		Lines        []struct {
			Line       string `json:"line"`
			PartNumber string `json:"part_number"`
			Quantity   int64  `json:"quantity"`
			LineTotal  money  `json:"line_total"`
		} `json:"lines"`
		Total      money `json:"total"`
		LastChange *struct {
			Status       string `json:"status"`
			AnswerReason string `json:"answer_reason"`
		} `json:"last_change"`
	} `json:"quotes"`
	Total     money     `json:"total"`
	Readiness readiness `json:"readiness"`
}

type readiness struct {
	Ready   bool `json:"ready"`
	Reasons []struct {
		Code        string `json:"code"`
		QuoteNumber string `json:"quote_number"`
		PartNumber  string `json:"part_number"`
	} `json:"reasons"`
}

func (r readiness) codes() []string {
	var out []string
	for _, x := range r.Reasons {
		out = append(out, x.Code+" "+x.QuoteNumber+x.PartNumber)
	}
	return out
}

// cartDo sends a cart request as who on site and decodes the cart of a
// 2xx answer; want is the status expected.
func cartDo(t *testing.T, a *testenv.App, who, method, path string, body any, want int) (cartView, testenv.Response) {
	t.Helper()
	r := a.Do(method, path, tokenFor(a, who), body)
	if r.Status != want {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, who, r.Status, want, r.Body)
	}
	var v cartView
	if r.Status < 300 {
		r.JSON(t, &v)
	}
	return v, r
}

// unitPrice is the catalog price of part in currency at level.
func unitPrice(t *testing.T, a *testenv.App, part, currency, level string) int64 {
	t.Helper()
	var p int64
	if err := a.Runtime.DB.Raw(`SELECT unit_minor FROM prices p JOIN products x ON x.id = p.product_id
		WHERE x.part_number = ? AND p.currency = ? AND p.price_level = ?`, part, currency, level).Scan(&p).Error; err != nil || p == 0 {
		t.Fatalf("price of %s in %s at %s: %d %v", part, currency, level, p, err)
	}
	return p
}

func auditCount(t *testing.T, a *testenv.App) int64 {
	t.Helper()
	var n int64
	if err := a.Runtime.DB.Raw(`SELECT count(*) FROM audit_log WHERE object_type = 'cart'`).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
