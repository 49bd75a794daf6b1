package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/workflowservice/v1"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The seed's buy-and-renew journey, online, over the real worker (issue 11,
// the seven steps): a renewal due soon sends its renewal notice with the
// link to the quote → the quote screen with its account and sales rep
// tabs → the renewal quote goes into the cart → a line is removed (a
// change request) → the renewal rep revises → checkout with the terms →
// payment by card → the confirmation; fulfilment extends the coverage to
// the next anniversary, the renewal ends renewed, and Temporal finds it by
// its QuoteNumber.
func TestRenewalOnlineTheSeedsSevenSteps(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	ctx := context.Background()
	demo, err := renewals.StartDemo(ctx, w.Runtime.DB, w.Runtime.Temporal, renewals.DemoOptions{
		TaskQueue: w.Runtime.Cfg.TaskQueue, Site: "300001", Due: 3 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	me := w.Token(alice)
	rep := w.Token(renewalRep, auth.RoleRenewalRep)

	// 1. The renewal notice, to the renewal contacts (bob), links the quote.
	var number string
	eventually(t, 90*time.Second, func() string {
		var bodies []string
		if err := w.Runtime.DB.Raw(`SELECT text_body FROM outbox WHERE notice = 'renewal_notice' AND ? = ANY(recipients) AND sent_at IS NOT NULL`,
			bob).Scan(&bodies).Error; err != nil {
			return err.Error()
		}
		for _, b := range bodies {
			if i := strings.Index(b, "/renewals/RQ-"); i >= 0 {
				number = strings.TrimRight(strings.Fields(b[i+len("/renewals/"):])[0], ".,)")
				return ""
			}
		}
		return "no renewal notice sent to bob yet: " + strings.Join(subjects(w.sink.Messages()), "; ")
	})
	if !models.ValidQuoteNumber(number) {
		t.Fatalf("the notice links %q", number)
	}

	// 2. The quote screen: lines, the account tab and the sales rep tab.
	screen := waitRenewal(t, w, me, number, 30*time.Second, "the quote open", func(d renewalDoc) bool {
		return d.Quote != nil && d.Quote.Status == "open"
	})
	if screen.Account.CustomerNumber != "1000001" || screen.Account.RenewalDueDate == "" || screen.SalesRep == nil ||
		screen.SalesRep.Email != renewalRep || len(screen.Quote.Lines) != int(demo.CoverageLines) || len(screen.Quote.Lines) < 2 {
		t.Fatalf("quote screen: %+v", screen)
	}
	removed := screen.Quote.Lines[len(screen.Quote.Lines)-1].PartNumber
	kept := screen.Quote.Lines[0].PartNumber

	// 3–4. Into the cart; removing a line asks the renewal rep for a change.
	orderCall(t, w, "POST", "/v1/sites/300001/cart/quotes", me, map[string]any{"quote_number": number}, http.StatusCreated, nil)
	orderCall(t, w, "DELETE", "/v1/sites/300001/cart/items/"+number+":"+removed, me, nil, http.StatusAccepted, nil)
	orderCall(t, w, "POST", "/v1/staff/quotes/"+number+"/issue", rep, map[string]any{}, http.StatusOK, nil)

	// 5–6. Checkout with the terms, payment by card.
	id := checkoutReady(t, w, me, "300001", "US", card(payment.TestCardVisa, "123"))
	o := placeOrder(t, w, me, "300001", id, "renewal-"+number, http.StatusCreated)
	done := waitOrder(t, w, me, o.Reference, "completed")

	// 7. The confirmation prints; the coverage kept is extended to the next
	// anniversary, the line removed is not renewed.
	if c := w.Do("GET", "/v1/orders/"+o.Reference+"/confirmation", me, nil); c.Status != http.StatusOK || !strings.Contains(string(c.Body), o.Reference) {
		t.Fatalf("confirmation = %d", c.Status)
	}
	for _, l := range done.Lines {
		if l.PartNumber == removed {
			t.Fatalf("the removed line %s was ordered: %+v", removed, done.Lines)
		}
	}
	var anniversary time.Time
	if err := w.Runtime.DB.Raw(`SELECT a.anniversary FROM agreements a JOIN sites s ON s.agreement_id = a.id WHERE s.site_number = '300001'`).
		Scan(&anniversary).Error; err != nil {
		t.Fatal(err)
	}
	ends := map[string]time.Time{}
	var rows []struct {
		PartNumber string
		EndDate    time.Time
	}
	if err := w.Runtime.DB.Raw(`SELECT p.part_number, v.end_date FROM coverages v JOIN products p ON p.id = v.product_id
		JOIN sites s ON s.id = v.site_id WHERE s.site_number = '300001'`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ends[r.PartNumber] = r.EndDate
	}
	due := models.Day(demo.DueAt)
	if want := models.NextAnniversary(anniversary, due); !ends[kept].Equal(want) {
		t.Errorf("coverage of %s ends %v, want the next anniversary %v", kept, ends[kept], want)
	}
	if !ends[removed].Equal(due) {
		t.Errorf("coverage of the removed %s ends %v, want still the due date %v", removed, ends[removed], due)
	}

	// The renewal is renewed, by this order, and Temporal finds it by its
	// quote number.
	waitRenewal(t, w, me, number, 30*time.Second, "renewed", func(d renewalDoc) bool { return d.Renewal.Status == "renewed" })
	eventually(t, 20*time.Second, func() string {
		page, err := w.Runtime.Temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Query: fmt.Sprintf(`WorkflowType = "Renewal" AND QuoteNumber = %q AND ProcessStatus = "renewed"`, number)})
		if err != nil {
			return err.Error()
		}
		if len(page.Executions) != 1 || page.Executions[0].Execution.WorkflowId != demo.WorkflowID {
			return fmt.Sprintf("visibility finds %d renewals for %s", len(page.Executions), number)
		}
		return ""
	})
}
