package e2e_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
)

// A renewal quote as the renewal process starts one (kind renewal, the
// renewal rep, the coverage due issued at once by the system, valid until
// the due date), on the real worker: the site's renewal contacts are
// emailed (A6: bob, Administrative and S&S renewal contact of 300001), the
// customer reads it over HTTP, asks for a change, and the renewal rep
// revises it.
func TestRenewalQuoteStartedByTheRenewalProcess(t *testing.T) {
	w := startQuoteWorld(t)
	db := w.Runtime.DB
	var ids struct {
		SiteID, CustomerID, RepID, ProductID, UnitMinor int64
	}
	if err := db.Raw(`SELECT s.id AS site_id, s.customer_id, c.renewal_rep_id AS rep_id, p.id AS product_id, pr.unit_minor
		FROM sites s JOIN customers c ON c.id = s.customer_id JOIN agreements a ON a.id = s.agreement_id,
		products p JOIN prices pr ON pr.product_id = p.id
		WHERE s.site_number = '300001' AND p.part_number = 'E0R50LL' AND pr.currency = s.currency AND pr.price_level = a.volume_level`).
		Scan(&ids).Error; err != nil || ids.RepID == 0 {
		t.Fatalf("fixture ids %+v: %v", ids, err)
	}
	var seq int64
	if err := db.Raw("SELECT nextval('quote_number_seq')").Scan(&seq).Error; err != nil {
		t.Fatal(err)
	}
	number := models.QuoteNumber(models.QuoteRenewal, time.Now().UTC().Year(), seq)
	due := time.Now().UTC().Add(45 * 24 * time.Hour).Truncate(24 * time.Hour)
	item := models.QuoteItem{ProductID: ids.ProductID, PartNumber: "E0R50LL", Description: "Db2 S&S renewal", Quantity: 16}
	in := quote.Input{
		QuoteNumber: number, Kind: models.QuoteRenewal, SiteID: ids.SiteID, SiteNumber: "300001", CustomerID: ids.CustomerID,
		CustomerNumber: "1000001", Currency: "USD", Rep: quote.Person{ID: ids.RepID, Email: renewalRep}, Lines: []models.QuoteItem{item},
		Issue:  &quote.Issue{ValidUntil: due, Lines: []quote.IssueLine{{QuoteItem: item, Unit: models.Money{Minor: ids.UnitMinor, Currency: "USD"}}}},
		Timers: quote.DefaultTimers(),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	op := w.Runtime.Temporal.NewWithStartWorkflowOperation(client.StartWorkflowOptions{
		ID: quote.WorkflowID(number), TaskQueue: w.Runtime.Cfg.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
	}, quote.WorkflowName, in)
	h, err := w.Runtime.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: op,
		UpdateOptions:          client.UpdateWorkflowOptions{UpdateName: quote.UpdateSubmit, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err != nil {
		t.Fatal(err)
	}
	var st quote.State
	if err := h.Get(ctx, &st); err != nil {
		t.Fatal(err)
	}

	mailTo(t, w, bob, "renewal quote "+number)
	q := call(t, w, "GET", "/v1/quotes/"+number, w.Token(alice), nil, http.StatusOK)
	if q.Status != "open" || q.CurrentVersion != 1 || q.Versions[0].Total.Minor != 16*ids.UnitMinor || q.Rep.Email != renewalRep {
		t.Fatalf("renewal quote = %+v", q)
	}
	call(t, w, "POST", "/v1/quotes/"+number+"/change-requests", w.Token(alice), map[string]any{
		"note": "4 cores retired", "changes": []map[string]any{{"part_number": "E0R50LL", "quantity": 12}},
	}, http.StatusOK)
	mailTo(t, w, renewalRep, "Change requested on renewal quote "+number)
	if r := w.Do("POST", "/v1/staff/quotes/"+number+"/issue", repToken(w), map[string]any{}); r.Status != http.StatusForbidden {
		t.Fatalf("the sales rep revising a renewal quote = %d %s", r.Status, r.Body)
	}
	v2 := call(t, w, "POST", "/v1/staff/quotes/"+number+"/issue", w.Token(renewalRep, auth.RoleRenewalRep), map[string]any{}, http.StatusOK)
	if v2.CurrentVersion != 2 || v2.Versions[1].Lines[0].Quantity != 12 {
		t.Fatalf("revised renewal quote = %+v", v2)
	}
	mailTo(t, w, alice, "Revised renewal quote "+number)
	call(t, w, "POST", "/v1/quotes/"+number+"/cancel", w.Token(bob), map[string]any{"reason": "renewing through our partner"}, http.StatusOK)
	recordQuoteHistory(t, w, quote.WorkflowID(number), "renewal_revised_then_cancelled")
}
