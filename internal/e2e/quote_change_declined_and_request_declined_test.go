package e2e_test

import (
	"net/http"
	"testing"
)

// The rep's refusals over HTTP: a change declined with a reason leaves
// version 1 standing (the customer is told why); a request declined with a
// reason ends the quote (the requester is told); another rep may not act
// on the quote (403), and an ended quote takes nothing more (409).
func TestQuoteChangeDeclinedAndRequestDeclined(t *testing.T) {
	w := startQuoteWorld(t)
	lines := map[string]any{"lines": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 2}, {"part_number": "E0MQ2LL", "quantity": 40}}}

	q := call(t, w, "POST", "/v1/sites/300001/quotes", w.Token(bob), lines, http.StatusCreated)
	base := "/v1/staff/quotes/" + q.QuoteNumber
	if r := w.Do("POST", base+"/issue", w.Token(renewalRep, "renewal-rep"), map[string]any{}); r.Status != http.StatusForbidden {
		t.Fatalf("issue by another rep = %d %s", r.Status, r.Body)
	}
	call(t, w, "POST", base+"/issue", repToken(w), map[string]any{}, http.StatusOK)
	call(t, w, "POST", "/v1/quotes/"+q.QuoteNumber+"/change-requests", w.Token(bob), map[string]any{
		"note": "one core is enough", "changes": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 1}},
	}, http.StatusOK)
	d := call(t, w, "POST", base+"/decline-change", repToken(w), map[string]any{"reason": "two cores is the minimum"}, http.StatusOK)
	if d.Status != "open" || d.CurrentVersion != 1 || d.ChangeRequests[0].Status != "declined" || d.ChangeRequests[0].AnswerReason != "two cores is the minimum" {
		t.Fatalf("after decline-change = %+v", d)
	}
	mailTo(t, w, bob, "declined: version 1 stands")
	call(t, w, "POST", "/v1/quotes/"+q.QuoteNumber+"/cancel", w.Token(bob), map[string]any{}, http.StatusOK)
	recordQuoteHistory(t, w, q.WorkflowID, "sales_change_declined_then_cancelled")

	q2 := call(t, w, "POST", "/v1/sites/300001/quotes", w.Token(alice), lines, http.StatusCreated)
	if r := w.Do("POST", "/v1/staff/quotes/"+q2.QuoteNumber+"/decline", repToken(w), map[string]any{"reason": " "}); r.Status != http.StatusBadRequest {
		t.Fatalf("decline without a reason = %d %s", r.Status, r.Body)
	}
	d2 := call(t, w, "POST", "/v1/staff/quotes/"+q2.QuoteNumber+"/decline", repToken(w), map[string]any{"reason": "sold through your Business Partner"}, http.StatusOK)
	if d2.Status != "declined" {
		t.Fatalf("declined = %+v", d2)
	}
	mailTo(t, w, alice, "was declined")
	recordQuoteHistory(t, w, q2.WorkflowID, "sales_declined")
	if r := w.Do("POST", "/v1/quotes/"+q2.QuoteNumber+"/cancel", w.Token(alice), map[string]any{}); r.Status != http.StatusConflict {
		t.Fatalf("cancel of a declined quote = %d %s", r.Status, r.Body)
	}
}
