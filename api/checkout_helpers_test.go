package api_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// checkoutView is a checkout's review as the API tests read it.
type checkoutView struct {
	ID         int64  `json:"id"`
	Status     string `json:"status"`
	SiteNumber string `json:"site_number"`
	Currency   string `json:"currency"`
	Lines      []struct {
		LineNo       int    `json:"line_no"`
		Kind         string `json:"kind"`
		PartNumber   string `json:"part_number"`
		LicenseType  string `json:"license_type"`
		Quantity     int64  `json:"quantity"`
		UnitPrice    money  `json:"unit_price"`
		LineTotal    money  `json:"line_total"`
		QuoteNumber  string `json:"quote_number"`
		QuoteVersion int    `json:"quote_version"`
	} `json:"lines"`
	Total                 money             `json:"total"`
	Billing               map[string]string `json:"billing"`
	Shipping              map[string]string `json:"shipping"`
	ShippingSameAsBilling bool              `json:"shipping_same_as_billing"`
	Terms                 *struct {
		Version    string    `json:"version"`
		AcceptedAt time.Time `json:"accepted_at"`
		AcceptedBy string    `json:"accepted_by"`
	} `json:"terms"`
	CurrentTerms   string `json:"current_terms_version"`
	PaymentMethods *struct {
		Country string   `json:"country"`
		Offered []string `json:"offered"`
		Default string   `json:"default"`
	} `json:"payment_methods"`
	Payment *struct {
		Method string `json:"method"`
		Card   *struct {
			Brand    string `json:"brand"`
			Last4    string `json:"last4"`
			ExpMonth int    `json:"exp_month"`
			ExpYear  int    `json:"exp_year"`
		} `json:"card"`
		PurchaseOrder *struct {
			Number    string `json:"number"`
			Reference string `json:"reference"`
		} `json:"purchase_order"`
	} `json:"payment"`
	ReadyToOrder bool     `json:"ready_to_order"`
	Missing      []string `json:"missing"`
}

// checkoutPath is the path of checkout id (plus suffix).
func checkoutPath(id int64, suffix string) string {
	return "/v1/checkouts/" + strconv.FormatInt(id, 10) + suffix
}

// checkoutDo sends a checkout request as who and decodes the review of a
// 2xx answer; want is the status expected.
func checkoutDo(t *testing.T, a *testenv.App, who, method, path string, body any, want int) (checkoutView, testenv.Response) {
	t.Helper()
	r := a.Do(method, path, tokenFor(a, who), body)
	if r.Status != want {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, who, r.Status, want, r.Body)
	}
	var v checkoutView
	if r.Status < 300 {
		r.JSON(t, &v)
	}
	return v, r
}

// newCheckout puts quantity of part in who's cart on site and starts a
// checkout from it.
func newCheckout(t *testing.T, a *testenv.App, who, site, part string, quantity int) checkoutView {
	t.Helper()
	cartDo(t, a, who, "POST", "/v1/sites/"+site+"/cart/items", map[string]any{"part_number": part, "quantity": quantity}, http.StatusCreated)
	v, _ := checkoutDo(t, a, who, "POST", "/v1/sites/"+site+"/checkouts", nil, http.StatusCreated)
	return v
}

// party is a valid billing or shipping party; kv overrides fields.
func party(kv ...string) map[string]string {
	p := map[string]string{"name": "Alice Anders", "company": "Acme Corporation", "line1": "1 Congress Ave",
		"city": "Austin", "region": "TX", "postal_code": "78701", "country": "US", "email": "ap@acme.example.com",
		"phone": "+1 512 555 0100"}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = kv[i+1]
	}
	return p
}

// details is a details body with shipping the same as billing.
func details(billing map[string]string) map[string]any {
	return map[string]any{"billing": billing, "shipping_same_as_billing": true}
}

// cardBody is a payment body with a card expiring in two years.
func cardBody(number, cvc string) map[string]any {
	return map[string]any{"method": "card", "card": map[string]any{"number": number, "exp_month": 12,
		"exp_year": time.Now().Year() + 2, "cvc": cvc}}
}

// poBody is a payment body with a purchase order.
func poBody(number, reference string) map[string]any {
	return map[string]any{"method": "purchase_order", "purchase_order": map[string]any{"number": number, "reference": reference}}
}

// terms is the body accepting the seeded terms.
func terms() map[string]any { return map[string]any{"version": "2026-01", "agreement": "I agree"} }
