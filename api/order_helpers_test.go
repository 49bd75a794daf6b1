package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The order and document fixtures of the API tests (issue 10). The API
// tests run without a worker, so an order is made the way its workflow
// would leave it in the read model: a checkout marked ordered, the orders
// row, one line and, once fulfilled, its Proof of Entitlement.

// orderOtherRep is a staff user the order tests make the sales rep of
// customer 1000002 (PT Nusantara), so not the sales rep of 300001's
// customer (1000001, whose rep is salesRep).
const orderOtherRep = "renewals@ibm.example.com"

// orderFixture makes an order of site with status, bought by the site's
// Primary now; it returns its reference and, for a fulfilled or completed
// order, the id of its Proof of Entitlement (0 otherwise).
func orderFixture(t *testing.T, db *gorm.DB, site string, status models.OrderStatus) (ref string, docID int64) {
	t.Helper()
	return orderFixtureAt(t, db, site, status, time.Now().UTC())
}

// orderFixtureAt is orderFixture with the order placed at at.
func orderFixtureAt(t *testing.T, db *gorm.DB, site string, status models.OrderStatus, at time.Time) (ref string, docID int64) {
	t.Helper()
	var s struct {
		ID              int64
		SiteNumber      string
		Name            string
		Currency        string
		Country         string
		CustomerID      int64
		CustomerNumber  string
		CustomerName    string
		AgreementNumber string
		BuyerID         int64
		BuyerEmail      string
		BuyerName       string
	}
	res := db.Raw(`SELECT s.id, s.site_number, s.name, s.currency, s.country, s.customer_id, c.customer_number,
		c.name AS customer_name, coalesce(g.agreement_number, '') AS agreement_number,
		u.id AS buyer_id, u.email AS buyer_email, u.name AS buyer_name
		FROM sites s JOIN customers c ON c.id = s.customer_id LEFT JOIN agreements g ON g.id = s.agreement_id
		JOIN site_contacts k ON k.site_id = s.id AND k.role = 'primary' JOIN users u ON u.id = k.user_id
		WHERE s.site_number = ?`, site).Scan(&s)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("order fixture: site %s: %v (%d rows)", site, res.Error, res.RowsAffected)
	}
	var p struct {
		ID          int64
		PartNumber  string
		Description string
		LicenseType string
	}
	if err := db.Raw(`SELECT id, part_number, description, license_type FROM products WHERE part_number = 'D0R4ZLL'`).Scan(&p).Error; err != nil || p.ID == 0 {
		t.Fatalf("order fixture: product D0R4ZLL: %v", err)
	}
	year := at.Format("2006")
	if err := db.Raw(`SELECT 'ORD-' || ? || '-' || lpad(nextval('order_reference_seq')::text, 6, '0')`, year).Scan(&ref).Error; err != nil {
		t.Fatalf("order fixture: reference: %v", err)
	}
	const unit, qty = int64(125000), int64(2)
	total := unit * qty
	addr := models.Address{Name: s.BuyerName, Company: s.CustomerName, Line1: "1 Fixture Way", City: "Austin",
		PostalCode: "78701", Country: s.Country, Email: s.BuyerEmail, Phone: "+1 512 555 0100"}
	billing, _ := json.Marshal(addr)

	err := db.Transaction(func(tx *gorm.DB) error {
		var checkoutID int64
		if err := tx.Raw(`INSERT INTO checkouts (site_id, user_id, status, currency, total_minor, billing, shipping,
			shipping_same_as_billing, order_ref, created_at, updated_at)
			VALUES (?, ?, 'ordered', ?, ?, ?, ?, true, ?, ?, ?) RETURNING id`,
			s.ID, s.BuyerID, s.Currency, total, string(billing), string(billing), ref, at, at).Scan(&checkoutID).Error; err != nil {
			return fmt.Errorf("checkout: %w", err)
		}
		// A declined order was paid by card; the others by purchase order.
		method, po, brand, last4, reason := "purchase_order", "PO-"+ref, "", "", ""
		var expMonth, expYear any
		if status == models.OrderPaymentDeclined {
			method, po, brand, last4, reason = "card", "", "visa", "0002", "the card was declined (insufficient_funds)"
			expMonth, expYear = 12, at.Year()+2
		}
		var orderID int64
		if err := tx.Raw(`INSERT INTO orders (reference, site_id, customer_id, buyer_id, checkout_id, status, status_reason,
			currency, total_minor, payment_method, po_number, card_brand, card_last4, card_exp_month, card_exp_year,
			billing, shipping, terms_version, workflow_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture-terms', ?, ?, ?) RETURNING id`,
			ref, s.ID, s.CustomerID, s.BuyerID, checkoutID, string(status), reason, s.Currency, total, method, po,
			brand, last4, expMonth, expYear, string(billing), string(billing), "order/"+ref, at, at).Scan(&orderID).Error; err != nil {
			return fmt.Errorf("order: %w", err)
		}
		fulfilled := status == models.OrderFulfilled || status == models.OrderCompleted
		var start, end *time.Time
		if fulfilled {
			a, b := at.Truncate(24*time.Hour), at.Truncate(24*time.Hour).AddDate(1, 0, 0)
			start, end = &a, &b
		}
		if err := tx.Exec(`INSERT INTO order_lines (order_id, line_no, kind, product_id, part_number, description, license_type,
			quantity, unit_minor, currency, line_total_minor, coverage_start, coverage_end)
			VALUES (?, 1, 'catalog', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			orderID, p.ID, p.PartNumber, p.Description, p.LicenseType, qty, unit, s.Currency, total, start, end).Error; err != nil {
			return fmt.Errorf("order line: %w", err)
		}
		if !fulfilled {
			return nil
		}
		var number string
		if err := tx.Raw(`SELECT 'POE-' || ? || '-' || lpad(nextval('document_number_seq')::text, 6, '0')`, year).Scan(&number).Error; err != nil {
			return fmt.Errorf("document number: %w", err)
		}
		content, _ := json.Marshal(models.ProofOfEntitlement{
			Number: number, IssuedAt: at, OrderReference: ref, CustomerNumber: s.CustomerNumber, CustomerName: s.CustomerName,
			SiteNumber: s.SiteNumber, SiteName: s.Name, AgreementNumber: s.AgreementNumber,
			Items: []models.PoEItem{{PartNumber: p.PartNumber, Description: p.Description, Quantity: qty,
				Entitlement: "licence + S&S", CoverageStart: *start, CoverageEnd: *end}},
		})
		return tx.Raw(`INSERT INTO documents (number, kind, site_id, customer_id, order_id, issued_at, content)
			VALUES (?, 'proof_of_entitlement', ?, ?, ?, ?, ?) RETURNING id`,
			number, s.ID, s.CustomerID, orderID, at, string(content)).Scan(&docID).Error
	})
	if err != nil {
		t.Fatalf("order fixture of %s: %v", site, err)
	}
	return ref, docID
}

// orderMakeOtherRep makes orderOtherRep the sales rep of customer 1000002.
func orderMakeOtherRep(t *testing.T, db *gorm.DB) {
	t.Helper()
	res := db.Exec(`UPDATE customers SET sales_rep_id = (SELECT id FROM users WHERE email = ?) WHERE customer_number = '1000002'`, orderOtherRep)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("make %s the sales rep of 1000002: %v (%d rows)", orderOtherRep, res.Error, res.RowsAffected)
	}
}

// orderRows counts the rows of the order tables.
func orderRows(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, tbl := range []string{"order_submissions", "orders", "order_lines", "order_payments", "documents"} {
		out[tbl] = count(t, db, tbl)
	}
	return out
}

// orderSubmit sends POST /v1/sites/:site/orders as who with an
// Idempotency-Key (none when key is "").
func orderSubmit(t *testing.T, a *testenv.App, site, who string, body any, key string) testenv.Response {
	t.Helper()
	var h map[string]string
	if key != "" {
		h = map[string]string{"Idempotency-Key": key}
	}
	return a.DoWithHeaders("POST", "/v1/sites/"+site+"/orders", tokenFor(a, who), body, h)
}

// orderAsStaff sends a request with a staff token of role.
func orderAsStaff(a *testenv.App, method, path, who, role string, body any) testenv.Response {
	return a.Do(method, path, a.Token(who, role), body)
}

// orderReadyCheckout puts D0R4ZLL in who's cart on site and takes it
// through checkout (details in the US, the current terms, a purchase
// order), through the API; it returns the checkout's id.
func orderReadyCheckout(t *testing.T, a *testenv.App, who, site string) int64 {
	t.Helper()
	tok := tokenFor(a, who)
	call := func(method, path string, body any, want int, v any) {
		t.Helper()
		r := a.Do(method, path, tok, body)
		if r.Status != want {
			t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, who, r.Status, want, r.Body)
		}
		if v != nil {
			r.JSON(t, v)
		}
	}
	call("POST", "/v1/sites/"+site+"/cart/items", map[string]any{"part_number": "D0R4ZLL", "quantity": 1}, http.StatusCreated, nil)
	var co struct {
		ID int64 `json:"id"`
	}
	call("POST", "/v1/sites/"+site+"/checkouts", nil, http.StatusCreated, &co)
	p := "/v1/checkouts/" + strconv.FormatInt(co.ID, 10)
	party := map[string]any{"name": "Alice Anderson", "company": "Acme Corporation", "line1": "100 Congress Avenue",
		"city": "Austin", "region": "TX", "postal_code": "78701", "country": "US",
		"email": "ap@acme.example.com", "phone": "+1 512 555 0101"}
	call("PUT", p+"/details", map[string]any{"billing": party, "shipping_same_as_billing": true}, http.StatusOK, nil)
	var terms struct {
		Version string `json:"version"`
	}
	call("GET", "/v1/terms/current", nil, http.StatusOK, &terms)
	call("POST", p+"/terms", map[string]any{"version": terms.Version, "agreement": "I agree"}, http.StatusOK, nil)
	call("PUT", p+"/payment", map[string]any{"method": "purchase_order", "purchase_order": map[string]any{"number": "PO-4500012345"}},
		http.StatusOK, nil)
	return co.ID
}
