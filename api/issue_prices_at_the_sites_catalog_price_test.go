package api_test

import (
	"net/http"
	"testing"
)

// The rep's issue without lines prices what was asked at the site's
// catalog price (300001: USD at its agreement's level E); given lines
// carry their own price and discount; a product without a catalog price
// (price on request) must be given one, the refusal naming the line.
func TestIssuePricesAtTheSitesCatalogPrice(t *testing.T) {
	t.Parallel()
	a := startWorld(t)
	db := a.Runtime.DB
	var listE int64
	if err := db.Raw(`SELECT unit_minor FROM prices p JOIN products x ON x.id = p.product_id
		WHERE x.part_number = 'D0R4ZLL' AND p.currency = 'USD' AND p.price_level = 'E'`).Scan(&listE).Error; err != nil || listE == 0 {
		t.Fatalf("catalog price: %d %v", listE, err)
	}
	q := requestQuote(t, a, map[string]any{"lines": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 3}}})
	v := issueQuote(t, a, q.QuoteNumber, `{}`)
	line := v.Versions[0].Lines[0]
	if line.UnitPrice.Minor != listE || line.UnitPrice.Currency != "USD" || line.LineTotal.Minor != 3*listE || v.Versions[0].Total.Minor != 3*listE {
		t.Fatalf("version 1 = %+v, want 3 × %d USD", v.Versions[0], listE)
	}

	if err := db.Exec(`INSERT INTO products (part_number, description, category, license_type)
		VALUES ('PORQ01', 'Price on request appliance', 'Infrastructure', 'license_ss')`).Error; err != nil {
		t.Fatal(err)
	}
	q2 := requestQuote(t, a, map[string]any{"lines": []map[string]any{{"part_number": "PORQ01", "quantity": 1}}})
	p := assertProblem(t, repDo(a, "POST", "/v1/staff/quotes/"+q2.QuoteNumber+"/issue", `{}`), http.StatusBadRequest, "validation")
	if !namesField(p, "lines") {
		t.Errorf("price on request without lines: %+v", p)
	}
	body := `{"lines":[{"part_number":"PORQ01","quantity":1}],"validity_days":10}`
	p = assertProblem(t, repDo(a, "POST", "/v1/staff/quotes/"+q2.QuoteNumber+"/issue", body), http.StatusBadRequest, "validation")
	if !namesField(p, "lines[0].unit_price_minor") {
		t.Errorf("price on request: %+v", p)
	}
	body = `{"lines":[{"part_number":"PORQ01","quantity":2,"unit_price_minor":150000,"discount_bp":1250}],"validity_days":10}`
	v = issueQuote(t, a, q2.QuoteNumber, body)
	// 2 × 1,500.00 less 12.5% = 2,625.00
	if l := v.Versions[0].Lines[0]; l.LineTotal.Minor != 262_500 || l.DiscountBP != 1250 || v.Status != "open" {
		t.Fatalf("priced by the rep: %+v", v)
	}
	if r := repDo(a, "POST", "/v1/staff/quotes/"+q2.QuoteNumber+"/issue", `{"validity_days":366}`); r.Status != http.StatusBadRequest {
		t.Errorf("validity 366 days = %d %s", r.Status, r.Body)
	}
}
