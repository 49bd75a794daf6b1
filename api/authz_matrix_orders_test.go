package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The order and document routes in the authorization matrix (issue 10,
// SPEC G5–G8): ordering and reading orders need Software & services at
// full on the order's site (everybody without access to it gets 404,
// everybody below full 403; another site's order is 404 whether its
// reference exists or not); documents need Account-related documents =
// view on the document's site; the staff routes exist only for ibm-ops and
// sales reps, and a sales rep sees only the orders of the customers they
// represent (another customer's order is 404 to them).
func init() {
	// Outsiders are refused before the body is read; alice, without an
	// Idempotency-Key, is let through to the validation of her request.
	validBodies["POST /v1/sites/:site/orders"] = func(map[string]string) any { return map[string]any{"checkout_id": 1} }
	moreRightUserSteps["POST /v1/sites/:site/orders"] = func() []step {
		return []step{{"POST", acmeSite + "/orders", map[string]any{"checkout_id": 1}, http.StatusBadRequest}}
	}
	moreRightUserSteps["GET /v1/sites/:site/orders"] = func() []step {
		return []step{
			{"GET", acmeSite + "/orders", nil, http.StatusOK},
			{"GET", acmeSite + "/orders?days=366&limit=1", nil, http.StatusOK},
			{"GET", acmeSite + "/orders?days=0", nil, http.StatusBadRequest},
		}
	}
	moreRightUserSteps["GET /v1/sites/:site/documents"] = func() []step {
		return []step{{"GET", acmeSite + "/documents?limit=1", nil, http.StatusOK}}
	}
	for k, v := range map[string]nonSite{
		"GET /v1/orders/:ref":                               {denyOrder("GET", "", nil), allowGetOrder},
		"GET /v1/orders/:ref/confirmation":                  {denyOrder("GET", "/confirmation", nil), allowOrderConfirmation},
		"POST /v1/orders/:ref/payment":                      {denyOrder("POST", "/payment", orderPayAgain()), allowOrderPayment},
		"GET /v1/orders/:ref/confirmation.pdf":              {denyOrder("GET", "/confirmation.pdf", nil), allowOrderConfirmationPDF},
		"GET /v1/documents/:id":                             {denyDocument, allowDocument},
		"GET /v1/staff/orders":                              {denyStaffOrderQueue, allowStaffOrderQueue},
		"GET /v1/staff/orders/:ref":                         {denyStaffOrder("GET", "", nil), allowStaffOrder},
		"POST /v1/staff/orders/:ref/purchase-order/confirm": {denyStaffOrder("POST", "/purchase-order/confirm", map[string]any{}), allowConfirmPO},
		"POST /v1/staff/orders/:ref/purchase-order/reject":  {denyStaffOrder("POST", "/purchase-order/reject", reason("no PO on file")), allowRejectPO},
	} {
		nonSiteRoutes[k] = v
	}
}

// orderPayAgain is a valid body of POST /v1/orders/:ref/payment.
func orderPayAgain() map[string]any {
	return map[string]any{"method": "purchase_order", "purchase_order": map[string]any{"number": "PO-4500012345"}}
}

// orderMatrixFixtures are the orders and documents the refusals are tried
// on: a completed order of 300001 with its Proof of Entitlement, a
// purchase order of 300001 awaiting confirmation, an order of 300001
// whose card was declined, and a completed order of 300002 with its
// document.
type orderMatrixFixtures struct {
	acme, acmePO, acmeDeclined, frankfurt string
	acmeDoc, frankfurtDoc                 string
}

var matrixOrders = struct {
	sync.Mutex
	of map[*matrix]orderMatrixFixtures
}{of: map[*matrix]orderMatrixFixtures{}}

// sharedOrders makes the fixtures once per matrix (rows of the read
// model, as the order workflow writes them), and makes orderOtherRep the
// sales rep of another customer.
func sharedOrders(t *testing.T, m *matrix) orderMatrixFixtures {
	t.Helper()
	matrixOrders.Lock()
	defer matrixOrders.Unlock()
	fx, ok := matrixOrders.of[m]
	if !ok {
		db := m.a.Runtime.DB
		var acmeDoc, frankfurtDoc int64
		fx.acme, acmeDoc = orderFixture(t, db, targetSite, models.OrderCompleted)
		fx.acmePO, _ = orderFixture(t, db, targetSite, models.OrderAwaitingPO)
		fx.acmeDeclined, _ = orderFixture(t, db, targetSite, models.OrderPaymentDeclined)
		fx.frankfurt, frankfurtDoc = orderFixture(t, db, "300002", models.OrderCompleted)
		fx.acmeDoc, fx.frankfurtDoc = strconv.FormatInt(acmeDoc, 10), strconv.FormatInt(frankfurtDoc, 10)
		orderMakeOtherRep(t, db)
		matrixOrders.of[m] = fx
	}
	return fx
}

// orderState is what a refused caller must not change.
func orderState(t *testing.T, m *matrix) []string {
	t.Helper()
	return column(t, m.a.Runtime.DB, `SELECT o.reference || ' ' || o.status || ' ' || o.updated_at::text ||
		' p' || (SELECT count(*) FROM order_payments p WHERE p.order_id = o.id) FROM orders o ORDER BY 1`)
}

func unchangedOrders(t *testing.T, m *matrix, before []string) {
	t.Helper()
	if after := orderState(t, m); !slices.Equal(before, after) {
		t.Errorf("a refused order request changed orders:\nbefore %v\nafter  %v", before, after)
	}
}

// asOrderStaff sends a request as who with a staff role.
func asOrderStaff(m *matrix, method, path, who, role string, body any) testenv.Response {
	m.attempts++
	return m.a.Do(method, path, m.a.Token(who, role), body)
}

// denyOrder: without access to the order's site 404, below full 403
// (henry and erin included); a reference that does not exist, a malformed
// one, or another site's order 404. The orders tried are the declined one
// (the one a payment could change) and the completed one.
func denyOrder(method, suffix string, body any) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		fx := sharedOrders(t, m)
		before := orderState(t, m)
		for _, ref := range []string{fx.acmeDeclined, fx.acme} {
			p := "/v1/orders/" + ref + suffix
			m.deny(t, method, p, body, heidi, budi, frank, stranger, ops)
			m.forbid(t, method, p, body, carol, dave, erin, henry)
		}
		m.deny(t, method, "/v1/orders/ORD-2026-999999"+suffix, body, alice)
		m.deny(t, method, "/v1/orders/not-an-order"+suffix, body, alice)
		m.deny(t, method, "/v1/orders/"+fx.frankfurt+suffix, body, alice, dave, erin)
		unchangedOrders(t, m, before)
	}
}

func allowGetOrder(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, who := range []string{alice, bob, grace} {
		r := m.expect(t, "GET", "/v1/orders/"+fx.acme, who, nil, http.StatusOK)
		if !strings.Contains(string(r.Body), `"reference":"`+fx.acme+`"`) {
			t.Errorf("GET /v1/orders/%s as %s: %s", fx.acme, who, r.Body)
		}
	}
	m.expect(t, "GET", "/v1/orders/"+fx.frankfurt, heidi, nil, http.StatusOK)
}

// The declined fixture order has no running process: paying it again
// passes authorization and validation and is refused for that (409); a
// completed order is not paid again (409); a body without a method 400.
func allowOrderPayment(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	before := orderState(t, m)
	for _, who := range []string{alice, bob, grace} {
		m.expect(t, "POST", "/v1/orders/"+fx.acmeDeclined+"/payment", who, orderPayAgain(), http.StatusConflict)
	}
	m.expect(t, "POST", "/v1/orders/"+fx.acmeDeclined+"/payment", alice, map[string]any{}, http.StatusBadRequest)
	m.expect(t, "POST", "/v1/orders/"+fx.acme+"/payment", alice, orderPayAgain(), http.StatusConflict)
	unchangedOrders(t, m, before)
}

// orderMatrixPrintable checks a printable answer of the right user.
func orderMatrixPrintable(t *testing.T, m *matrix, path, who, contentType, prefix string) {
	t.Helper()
	r := m.do(t, "GET", path, who, nil)
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), contentType) ||
		!strings.HasPrefix(strings.TrimSpace(string(r.Body)), prefix) {
		t.Errorf("GET %s as %s = %d %q, want 200 %s starting %q: %.200s", path, who, r.Status, r.Header.Get("Content-Type"), contentType, prefix, r.Body)
	}
}

func allowOrderConfirmation(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, who := range []string{alice, bob} {
		orderMatrixPrintable(t, m, "/v1/orders/"+fx.acme+"/confirmation", who, "text/html", "<!")
	}
}

func allowOrderConfirmationPDF(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, who := range []string{alice, grace} {
		orderMatrixPrintable(t, m, "/v1/orders/"+fx.acme+"/confirmation.pdf", who, "application/pdf", "%PDF-")
	}
}

// denyDocument: documents need documents >= view on the document's site:
// erin, carol and dave (access to 300001 without it) get 403; anyone
// without access to 300001 (another site of the customer, another
// customer, nobody's) 404; a document that does not exist, a malformed
// id or number, or another site's document 404.
func denyDocument(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	before := orderState(t, m)
	p := "/v1/documents/" + fx.acmeDoc
	m.deny(t, "GET", p, nil, heidi, budi, frank, stranger, ops)
	m.forbid(t, "GET", p, nil, erin, carol, dave)
	m.deny(t, "GET", "/v1/documents/999999999", nil, alice)
	m.deny(t, "GET", "/v1/documents/0", nil, alice)
	m.deny(t, "GET", "/v1/documents/POE-2026-999999", nil, alice)
	m.deny(t, "GET", "/v1/documents/POE-x", nil, alice)
	m.deny(t, "GET", "/v1/documents/"+fx.frankfurtDoc, nil, alice, henry, erin)
	unchangedOrders(t, m, before)
}

func allowDocument(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, who := range []string{alice, bob, henry, grace} {
		orderMatrixPrintable(t, m, "/v1/documents/"+fx.acmeDoc, who, "application/pdf", "%PDF-")
	}
	orderMatrixPrintable(t, m, "/v1/documents/"+fx.frankfurtDoc, heidi, "application/pdf", "%PDF-")
	// By its number too (an order names its documents by number).
	var number string
	if err := m.a.Runtime.DB.Raw(`SELECT number FROM documents WHERE id = ?`, fx.acmeDoc).Scan(&number).Error; err != nil || number == "" {
		t.Fatalf("number of document %s: %q %v", fx.acmeDoc, number, err)
	}
	orderMatrixPrintable(t, m, "/v1/documents/"+number, bob, "application/pdf", "%PDF-")
	m.deny(t, "GET", "/v1/documents/"+number, nil, heidi, budi)
}

// denyStaffOrderQueue: the queue does not exist for anyone but ibm-ops
// and sales reps; another customer's sales rep gets a queue without
// 300001's purchase order.
func denyStaffOrderQueue(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	m.deny(t, "GET", "/v1/staff/orders", nil, alice, bob, heidi, budi, frank, stranger)
	r := asOrderStaff(m, "GET", "/v1/staff/orders", renewalRep, auth.RoleRenewalRep, nil)
	m.refused(t, "GET /v1/staff/orders as a renewal rep", renewalRep, r, http.StatusNotFound, "/v1/staff/orders", nil)
	r = asOrderStaff(m, "GET", "/v1/staff/orders", orderOtherRep, auth.RoleSalesRep, nil)
	if r.Status != http.StatusOK || strings.Contains(string(r.Body), fx.acmePO) {
		t.Errorf("GET /v1/staff/orders as another customer's sales rep = %d, want 200 without %s: %s", r.Status, fx.acmePO, r.Body)
	}
	m.noLeak(t, "GET /v1/staff/orders as another customer's sales rep", orderOtherRep, r, "/v1/staff/orders", nil)
}

func allowStaffOrderQueue(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, s := range []struct{ who, role string }{{ops, auth.RoleIBMOps}, {salesRep, auth.RoleSalesRep}} {
		r := asOrderStaff(m, "GET", "/v1/staff/orders", s.who, s.role, nil)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), fx.acmePO) || strings.Contains(string(r.Body), fx.acme+`"`) {
			t.Errorf("GET /v1/staff/orders as %s = %d, want 200 with %s (awaiting confirmation) and without %s: %s", s.who, r.Status, fx.acmePO, fx.acme, r.Body)
		}
	}
	r := asOrderStaff(m, "GET", "/v1/staff/orders?status=completed", ops, auth.RoleIBMOps, nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), fx.acme) {
		t.Errorf("GET /v1/staff/orders?status=completed as ibm-ops = %d, want 200 with %s: %s", r.Status, fx.acme, r.Body)
	}
}

// denyStaffOrder: the staff order routes do not exist for customers nor
// for a renewal rep (404); a sales rep of another customer gets 404 for
// 300001's order; nobody changes it.
func denyStaffOrder(method, suffix string, body any) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		fx := sharedOrders(t, m)
		before := orderState(t, m)
		p := "/v1/staff/orders/" + fx.acmePO + suffix
		m.deny(t, method, p, body, alice, bob, heidi, budi, frank, stranger)
		r := asOrderStaff(m, method, p, renewalRep, auth.RoleRenewalRep, body)
		m.refused(t, method+" "+p+" as a renewal rep", renewalRep, r, http.StatusNotFound, p, body)
		r = asOrderStaff(m, method, p, orderOtherRep, auth.RoleSalesRep, body)
		m.refused(t, method+" "+p+" as another customer's sales rep", orderOtherRep, r, http.StatusNotFound, p, body)
		for _, q := range []string{"/v1/staff/orders/ORD-2026-999999" + suffix, "/v1/staff/orders/not-an-order" + suffix} {
			r = asOrderStaff(m, method, q, ops, auth.RoleIBMOps, body)
			m.refused(t, method+" "+q+" as ibm-ops", ops, r, http.StatusNotFound, q, body)
		}
		unchangedOrders(t, m, before)
	}
}

func allowStaffOrder(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	for _, s := range []struct{ who, role string }{{ops, auth.RoleIBMOps}, {salesRep, auth.RoleSalesRep}} {
		r := asOrderStaff(m, "GET", "/v1/staff/orders/"+fx.acmePO, s.who, s.role, nil)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"awaiting_po_confirmation"`) {
			t.Errorf("GET /v1/staff/orders/%s as %s = %d %s", fx.acmePO, s.who, r.Status, r.Body)
		}
	}
}

// The fixture purchase order has no running process: a decision passes
// authorization and validation and is refused for that (409), unchanged.
func allowConfirmPO(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	before := orderState(t, m)
	for _, s := range []struct{ who, role string }{{ops, auth.RoleIBMOps}, {salesRep, auth.RoleSalesRep}} {
		r := asOrderStaff(m, "POST", "/v1/staff/orders/"+fx.acmePO+"/purchase-order/confirm", s.who, s.role, map[string]any{})
		if r.Status != http.StatusConflict {
			t.Errorf("confirm %s as %s = %d, want 409 (no process): %s", fx.acmePO, s.who, r.Status, r.Body)
		}
	}
	unchangedOrders(t, m, before)
}

func allowRejectPO(t *testing.T, m *matrix) {
	fx := sharedOrders(t, m)
	before := orderState(t, m)
	p := "/v1/staff/orders/" + fx.acmePO + "/purchase-order/reject"
	if r := asOrderStaff(m, "POST", p, salesRep, auth.RoleSalesRep, map[string]any{}); r.Status != http.StatusBadRequest {
		t.Errorf("reject %s without a reason as the sales rep = %d, want 400: %s", fx.acmePO, r.Status, r.Body)
	}
	if r := asOrderStaff(m, "POST", p, ops, auth.RoleIBMOps, reason("no PO on file")); r.Status != http.StatusConflict {
		t.Errorf("reject %s as ibm-ops = %d, want 409 (no process): %s", fx.acmePO, r.Status, r.Body)
	}
	unchangedOrders(t, m, before)
}
