package api_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// orderReportColumns are the documented columns of the order history CSV
// (docs/api.md).
var orderReportColumns = []string{"reference", "ordered_at", "site_number", "status", "kind", "total_minor", "currency",
	"poe_number", "payment_method", "quote_numbers"}

// TestReportsOrdersCSVMatchesTheJSON (B4, G7): site 300001's order
// history — purchases, renewals and a mixed order, paid or not — read as
// JSON two rows a page, newest first, and downloaded as CSV and parsed
// back: the same orders, in the same order, with the same values; each
// order has its kind, its total in minor units with its currency, and the
// number of its Proof of Entitlement once issued. Another site's orders
// are in neither.
func TestReportsOrdersCSVMatchesTheJSON(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	day := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	oldest := reportOrderOf(t, db, "300001", models.OrderCompleted, "purchase", day)
	renewed := reportOrderOf(t, db, "300001", models.OrderCompleted, "renewal", day.AddDate(0, 1, 0))
	awaiting := reportOrderOf(t, db, "300001", models.OrderAwaitingPO, "purchase", day.AddDate(0, 2, 0))
	mixed := reportOrderOf(t, db, "300001", models.OrderFulfilled, "mixed", day.AddDate(0, 3, 0))
	other := reportOrderOf(t, db, "300002", models.OrderCompleted, "purchase", day.AddDate(0, 2, 5))

	path := "/v1/sites/300001/reports/orders"
	first, rows := reportAll(t, a, path, henry, 2)
	want := []string{mixed, awaiting, renewed, oldest}
	if got := refs(rows, "reference"); !slices.Equal(got, want) {
		t.Fatalf("JSON orders %v, want %v (not %s of 300002)", got, want, other)
	}
	if first.Scope != "site" || !slices.Equal(first.sites(), []string{"300001"}) {
		t.Errorf("coverage = %s %v, want site 300001", first.Scope, first.sites())
	}
	if got := refs(rows, "kind"); !slices.Equal(got, []string{"mixed", "purchase", "renewal", "purchase"}) {
		t.Errorf("kinds %v, want mixed, purchase, renewal, purchase", got)
	}
	if got := refs(rows, "status"); !slices.Equal(got, []string{"fulfilled", "awaiting_po_confirmation", "completed", "completed"}) {
		t.Errorf("statuses %v", got)
	}
	for i, r := range rows {
		poe := jsonCell(r, "poe_number")
		if issued := r["status"] != string(models.OrderAwaitingPO); issued != strings.HasPrefix(poe, "POE-") {
			t.Errorf("row %d (%s): PoE %q", i, r["status"], poe)
		}
		if jsonCell(r, "total_minor") != "250000" || jsonCell(r, "currency") != "USD" || r["payment_method"] != "purchase_order" {
			t.Errorf("row %d: total %s %s by %v, want 250000 USD by purchase order", i, jsonCell(r, "total_minor"), jsonCell(r, "currency"), r["payment_method"])
		}
	}
	if r := rows[3]["ordered_at"]; r != day.Format(time.RFC3339) {
		t.Errorf("oldest ordered_at %v, want %s", r, day.Format(time.RFC3339))
	}

	header, records, r := reportCSV(t, a, path, henry, false)
	assertCSVMatchesJSON(t, header, orderReportColumns, records, rows)
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "orders-300001-") {
		t.Errorf("Content-Disposition %q, want the site in the file name", cd)
	}
}
