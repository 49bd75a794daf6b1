package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// The renewal routes in the strange-input tests (issue 11): the world's
// :quote is a renewal of 300001 whose process runs (started here as
// discovery would, due in 40 days, its verification a day away), named
// by its reference <site>-<date> since its quote is not issued yet. Its
// contacts can be verified (the body-less route works without a body);
// a channel choice and an external order are refused by the process for
// its status (409), after validation.
func init() {
	baseBodies["POST /v1/renewals/:quote/channel"] = func() jnode {
		return jobj("channel", "business_partner", "partner", "Mitra Solusi Bali")
	}
	baseBodies["POST /v1/staff/renewals/:quote/external-order"] = func() jnode { return jobj("reference", "BP-PO-2031-0042") }
	takesNoBody["POST /v1/renewals/:quote/verify-contacts"] = true
	queryReaders["GET /v1/renewals"] = []string{"limit"}

	moreStrangeFixtures = append(moreStrangeFixtures, func(t *testing.T, w *strangeWorld) {
		t.Helper()
		w.more["quote"] = startRenewalProcess(t, w, "300001", time.Now().UTC().Add(40*24*time.Hour).Truncate(time.Second))
	})
}

// startRenewalProcess starts the renewal of site due on due (verification
// a day from now, the quote two days from now) and waits for its first
// row; it returns the renewal's reference.
func startRenewalProcess(t *testing.T, w *strangeWorld, site string, due time.Time) string {
	t.Helper()
	db := w.a.Runtime.DB
	var s struct {
		ID             int64
		CustomerID     int64
		CustomerNumber string
	}
	if res := db.Raw(`SELECT s.id, s.customer_id, c.customer_number FROM sites s JOIN customers c ON c.id = s.customer_id
		WHERE s.site_number = ?`, site).Scan(&s); res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("renewal of %s: %v", site, res.Error)
	}
	until := time.Until(due)
	in := renewal.Input{SiteID: s.ID, SiteNumber: site, CustomerID: s.CustomerID, CustomerNumber: s.CustomerNumber, DueDate: due,
		Offsets: models.RenewalOffsets{Verification: until - 24*time.Hour, Quote: until - 48*time.Hour}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := w.a.Runtime.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: renewal.WorkflowID(site, due), TaskQueue: w.a.Runtime.Cfg.TaskQueue,
	}, renewal.WorkflowName, in); err != nil {
		t.Fatalf("start the renewal of %s: %v", site, err)
	}
	ref := renewals.Reference(site, due)
	for {
		var n int64
		if err := db.Raw(`SELECT count(*) FROM renewals WHERE workflow_id = ?`, renewal.WorkflowID(site, due)).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the renewal of %s did not record its first row within 30s (is the renewal workflow registered?)", site)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r := w.a.Do("GET", "/v1/renewals/"+ref, tokenFor(w.a, alice), nil); r.Status != http.StatusOK {
		t.Fatalf("GET /v1/renewals/%s = %d %s", ref, r.Status, r.Body)
	}
	return ref
}
