package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

// TestPurchaseOrderDecisionsNeedAReasonAndTheCustomersRep (SPEC G5,
// docs/api.md): rejecting a purchase order needs a reason, told to the
// customer — none, blanks, one longer than 500 characters or with control
// characters are 400s naming `reason`; a sales rep of another customer
// finds no such order (404) on every staff order route, and their queue
// does not list it, while the customer's own rep and ibm-ops reach it. A
// refused decision changes nothing.
func TestPurchaseOrderDecisionsNeedAReasonAndTheCustomersRep(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	po, _ := orderFixture(t, db, "300001", models.OrderAwaitingPO)
	theirs, _ := orderFixture(t, db, "300101", models.OrderAwaitingPO) // customer 1000002
	orderMakeOtherRep(t, db)
	state := func() []string {
		return column(t, db, `SELECT reference || ' ' || status || ' ' || updated_at::text FROM orders ORDER BY 1`)
	}
	before := state()
	opsTok := a.Token(ops, auth.RoleIBMOps)
	repTok := a.Token(salesRep, auth.RoleSalesRep)
	otherTok := a.Token(orderOtherRep, auth.RoleSalesRep)
	reject := "/v1/staff/orders/" + po + "/purchase-order/reject"

	for _, c := range []struct {
		name string
		body any
	}{
		{"no body field", map[string]any{}},
		{"an empty reason", map[string]any{"reason": ""}},
		{"a blank reason", map[string]any{"reason": " \n\t "}},
		{"a reason of 501 characters", map[string]any{"reason": strings.Repeat("r", 501)}},
		{"a reason with a control character", map[string]any{"reason": "no PO\x07 on file"}},
	} {
		for _, tok := range []string{opsTok, repTok} {
			r := a.Do("POST", reject, tok, c.body)
			if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !namesField(p, "reason") {
				t.Errorf("%s: the 400 does not name reason: %s", c.name, r.Body)
			}
		}
	}
	// The confirmation's note is optional, but bounded the same way.
	r := a.Do("POST", "/v1/staff/orders/"+po+"/purchase-order/confirm", repTok, map[string]any{"reason": strings.Repeat("r", 501)})
	if p := assertProblem(t, r, http.StatusBadRequest, "validation"); !namesField(p, "reason") {
		t.Errorf("a confirmation note of 501 characters: the 400 does not name reason: %s", r.Body)
	}

	// Another customer's sales rep: no such order, whatever the body.
	for _, q := range []struct {
		method, suffix string
		body           any
	}{
		{"GET", "", nil},
		{"POST", "/purchase-order/confirm", map[string]any{}},
		{"POST", "/purchase-order/reject", map[string]any{"reason": "no PO on file"}},
		{"POST", "/purchase-order/reject", map[string]any{}},
	} {
		r := a.Do(q.method, "/v1/staff/orders/"+po+q.suffix, otherTok, q.body)
		assertProblem(t, r, http.StatusNotFound, "not-found")
		if strings.Contains(string(r.Body), "Acme") || strings.Contains(string(r.Body), "alice@") {
			t.Errorf("%s %s as another customer's rep names the order's customer: %s", q.method, q.suffix, r.Body)
		}
	}
	if r := a.Do("GET", "/v1/staff/orders", otherTok, nil); r.Status != http.StatusOK ||
		strings.Contains(string(r.Body), po) || !strings.Contains(string(r.Body), theirs) {
		t.Errorf("another customer's rep's queue = %d %s, want %s and not %s", r.Status, r.Body, theirs, po)
	}
	if r := a.Do("GET", "/v1/staff/orders/"+theirs, otherTok, nil); r.Status != http.StatusOK {
		t.Errorf("GET their own customer's order %s = %d %s", theirs, r.Status, r.Body)
	}

	// The customer's rep and ibm-ops reach it.
	for _, tok := range []string{opsTok, repTok} {
		if r := a.Do("GET", "/v1/staff/orders/"+po, tok, nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"status":"awaiting_po_confirmation"`) {
			t.Errorf("GET /v1/staff/orders/%s = %d %s", po, r.Status, r.Body)
		}
	}
	if after := state(); !slices.Equal(before, after) {
		t.Errorf("refused decisions changed orders:\nbefore %v\nafter  %v", before, after)
	}
}
