package e2e_test

import (
	"net/http"
	"testing"
	"time"
)

// orderDoc is an order as the e2e tests read it.
type orderDoc struct {
	Reference    string `json:"reference"`
	Status       string `json:"status"`
	StatusReason string `json:"status_reason"`
	Payment      struct {
		Method   string `json:"method"`
		Brand    string `json:"brand"`
		Last4    string `json:"last4"`
		PONumber string `json:"po_number"`
	} `json:"payment"`
	Lines []struct {
		PartNumber    string     `json:"part_number"`
		Kind          string     `json:"kind"`
		Quantity      int64      `json:"quantity"`
		CoverageStart *time.Time `json:"coverage_start"`
		CoverageEnd   *time.Time `json:"coverage_end"`
	} `json:"lines"`
	Total struct {
		Minor    int64  `json:"amount_minor"`
		Currency string `json:"currency"`
	} `json:"total"`
	Documents []string `json:"documents"`
}

// call does one request and checks its status.
func orderCall(t *testing.T, w world, method, path, token string, body any, want int, v any) {
	t.Helper()
	r := w.Do(method, path, token, body)
	if r.Status != want {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	if v != nil {
		r.JSON(t, v)
	}
}

// checkoutReady takes the caller's cart on site through checkout: details
// (billing in country), terms, and the payment (a card number or a
// purchase order number); it returns the checkout id.
func checkoutReady(t *testing.T, w world, token, site, country string, pay map[string]any) int64 {
	t.Helper()
	var co struct {
		ID int64 `json:"id"`
	}
	orderCall(t, w, "POST", "/v1/sites/"+site+"/checkouts", token, nil, http.StatusCreated, &co)
	id := itoa(co.ID)
	party := map[string]any{"name": "Alice Anderson", "company": "Acme Corporation", "line1": "100 Congress Avenue",
		"city": "Austin", "region": "TX", "postal_code": "78701", "country": country,
		"email": "alice@acme.example.com", "phone": "+1 512 555 0101"}
	orderCall(t, w, "PUT", "/v1/checkouts/"+id+"/details", token, map[string]any{"billing": party, "shipping_same_as_billing": true}, http.StatusOK, nil)
	var terms struct {
		Version string `json:"version"`
	}
	orderCall(t, w, "GET", "/v1/terms/current", token, nil, http.StatusOK, &terms)
	orderCall(t, w, "POST", "/v1/checkouts/"+id+"/terms", token, map[string]any{"version": terms.Version, "agreement": "I agree"}, http.StatusOK, nil)
	orderCall(t, w, "PUT", "/v1/checkouts/"+id+"/payment", token, pay, http.StatusOK, nil)
	return co.ID
}

func card(number, cvc string) map[string]any {
	return map[string]any{"method": "card", "card": map[string]any{
		"number": number, "exp_month": 12, "exp_year": time.Now().Year() + 3, "cvc": cvc}}
}

// placeOrder submits the checkout with an Idempotency-Key.
func placeOrder(t *testing.T, w world, token, site string, checkoutID int64, key string, want int) orderDoc {
	t.Helper()
	r := w.DoWithHeaders("POST", "/v1/sites/"+site+"/orders", token, map[string]any{"checkout_id": checkoutID},
		map[string]string{"Idempotency-Key": key})
	if r.Status != want {
		t.Fatalf("POST order = %d, want %d: %s", r.Status, want, r.Body)
	}
	var o orderDoc
	if want < 300 {
		r.JSON(t, &o)
	}
	return o
}

// waitOrder polls the order until it reaches status.
func waitOrder(t *testing.T, w world, token, ref, status string) orderDoc {
	t.Helper()
	var o orderDoc
	eventually(t, 30*time.Second, func() string {
		r := w.Do("GET", "/v1/orders/"+ref, token, nil)
		if r.Status != http.StatusOK {
			return "GET order: " + string(r.Body)
		}
		r.JSON(t, &o)
		if o.Status != status {
			return "order " + ref + " is " + o.Status + " (" + o.StatusReason + "), want " + status
		}
		return ""
	})
	return o
}

func itoa(n int64) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{digits[n%10]}, b...)
	}
	return string(b)
}
