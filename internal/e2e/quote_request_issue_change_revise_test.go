package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"go.temporal.io/api/workflowservice/v1"

	"github.com/pao/pao/internal/temporalx"
)

// The quote over HTTP (E2, E4): bob asks for a quote for site 300001, the
// sales rep finds it in his queue and issues it with a discount, bob is
// emailed; alice asks for a change (remove a line, change a quantity), the
// rep is emailed and revises; the quote lists both versions with what
// changed; operators find it in Temporal by QuoteNumber; bob cancels.
func TestQuoteRequestIssueChangeRevise(t *testing.T) {
	w := startQuoteWorld(t)
	q := call(t, w, "POST", "/v1/sites/300001/quotes", w.Token(bob), map[string]any{
		"lines": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 4}, {"part_number": "E0MQ2LL", "quantity": 100}},
		"note":  "for the Austin cluster",
	}, http.StatusCreated)
	if q.Status != "requested" || q.WorkflowID != "quote/"+q.QuoteNumber || q.Rep.Email != salesRep || q.Rep.Phone == "" {
		t.Fatalf("requested quote = %+v", q)
	}
	mailTo(t, w, salesRep, "Quote request "+q.QuoteNumber)

	var queue struct{ Quotes []quoteDoc }
	w.Do("GET", "/v1/staff/quotes?status=awaiting_rep", repToken(w), nil).JSON(t, &queue)
	if len(queue.Quotes) != 1 || queue.Quotes[0].QuoteNumber != q.QuoteNumber {
		t.Fatalf("the rep's queue = %+v", queue)
	}

	base := "/v1/staff/quotes/" + q.QuoteNumber
	v1 := call(t, w, "POST", base+"/issue", repToken(w), map[string]any{
		"lines": []map[string]any{
			{"part_number": "D0R4ZLL", "quantity": 4, "discount_bp": 500},
			{"part_number": "E0MQ2LL", "quantity": 100},
		},
		"validity_days": 30, "note": "5% off the Db2 cores",
	}, http.StatusOK)
	if v1.Status != "open" || v1.CurrentVersion != 1 || len(v1.Versions) != 1 || v1.Versions[0].Total.Currency != "USD" {
		t.Fatalf("issued = %+v", v1)
	}
	mailTo(t, w, bob, "is ready")

	cr := call(t, w, "POST", "/v1/quotes/"+q.QuoteNumber+"/change-requests", w.Token(alice), map[string]any{
		"version": 1, "note": "MQ is renewed elsewhere; two more cores",
		"changes": []map[string]any{{"part_number": "E0MQ2LL", "remove": true}, {"part_number": "D0R4ZLL", "quantity": 6}},
	}, http.StatusOK)
	if cr.Status != "change_requested" || len(cr.ChangeRequests) != 1 || cr.ChangeRequests[0].RequestedBy != alice {
		t.Fatalf("after the change request = %+v", cr)
	}
	mailTo(t, w, salesRep, "Change requested on quote "+q.QuoteNumber)
	// E4: no order of a quote awaiting its revision.
	if r := w.Do("POST", "/v1/quotes/"+q.QuoteNumber+"/change-requests", w.Token(bob), map[string]any{
		"note": "again", "changes": []map[string]any{{"part_number": "D0R4ZLL", "quantity": 5}},
	}); r.Status != http.StatusConflict {
		t.Fatalf("a second change while one is pending = %d %s", r.Status, r.Body)
	}

	// Without lines the revision prices the change: D0R4ZLL × 6 keeping 5%.
	v2 := call(t, w, "POST", base+"/issue", repToken(w), map[string]any{"validity_days": 45}, http.StatusOK)
	if v2.Status != "open" || v2.CurrentVersion != 2 || len(v2.Versions) != 2 {
		t.Fatalf("revised = %+v", v2)
	}
	l := v2.Versions[1].Lines
	if len(l) != 1 || l[0].PartNumber != "D0R4ZLL" || l[0].Quantity != 6 || l[0].DiscountBP != 500 ||
		l[0].LineTotal.Minor != (6*l[0].UnitPrice.Minor*9500+5000)/10000 || v2.Versions[1].Total.Minor != l[0].LineTotal.Minor {
		t.Fatalf("version 2 lines = %+v", v2.Versions[1])
	}
	if c := v2.ChangeRequests[0]; c.Status != "revised" || c.RevisedVersion == nil || *c.RevisedVersion != 2 {
		t.Fatalf("change request after the revision = %+v", c)
	}
	mailTo(t, w, bob, "Revised quote "+q.QuoteNumber)
	mailTo(t, w, alice, "Revised quote "+q.QuoteNumber)

	// Every version is kept, with what changed between them.
	got := call(t, w, "GET", "/v1/quotes/"+q.QuoteNumber, w.Token(bob), nil, http.StatusOK)
	if len(got.Versions) != 2 || got.Versions[0].Version != 1 || len(got.Versions[0].Lines) != 2 {
		t.Fatalf("versions = %+v", got.Versions)
	}
	diff := got.Versions[1].ChangesFromPrevious
	if len(diff) != 2 || diff[0].PartNumber != "D0R4ZLL" || diff[0].Change != "changed" || diff[1].Change != "removed" {
		t.Fatalf("changes from version 1 = %+v", diff)
	}
	var list struct{ Quotes []quoteDoc }
	w.Do("GET", "/v1/sites/300001/quotes?status=open", w.Token(alice), nil).JSON(t, &list)
	if len(list.Quotes) != 1 || list.Quotes[0].CurrentVersion != 2 {
		t.Fatalf("the site's open quotes = %+v", list)
	}

	// H1: operators find the quote in Temporal by its number.
	eventually(t, 20*time.Second, func() string {
		resp, err := w.Runtime.Temporal.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf(`%s = "%s" AND %s = "open"`, temporalx.QuoteNumber.GetName(), q.QuoteNumber, temporalx.ProcessStatus.GetName()),
		})
		if err != nil {
			return err.Error()
		}
		if len(resp.Executions) != 1 || resp.Executions[0].Execution.WorkflowId != q.WorkflowID {
			return fmt.Sprintf("%d workflows found by QuoteNumber", len(resp.Executions))
		}
		return ""
	})

	call(t, w, "POST", "/v1/quotes/"+q.QuoteNumber+"/cancel", w.Token(bob), map[string]any{"reason": "budget moved"}, http.StatusOK)
	mailTo(t, w, salesRep, "cancelled")
	recordQuoteHistory(t, w, q.WorkflowID, "sales_revised_then_cancelled")
}
