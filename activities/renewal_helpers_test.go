package activities_test

import (
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

const renewalRep = "renewals@ibm.example.com"

// renewalInput is the renewal of site's coverage (the seed's: every line
// of a site ends on the same day, its agreement's anniversary).
func (f fixture) renewalInput(t *testing.T, site, customer string) renewal.Input {
	t.Helper()
	var due time.Time
	f.scan(t, &due, "SELECT max(end_date) FROM coverages WHERE site_id = ?", f.siteID(t, site))
	if due.IsZero() {
		t.Fatalf("site %s has no coverage in the seed", site)
	}
	return renewal.Input{SiteID: f.siteID(t, site), SiteNumber: site, CustomerID: f.customerID(t, customer),
		CustomerNumber: customer, DueDate: due.UTC(), Offsets: models.DefaultRenewalOffsets()}
}

// renewalRow is the renewals row of in.
type renewalRow struct {
	Status, Channel, ChannelPartner, QuoteNumber, ContactsVerifiedBy string
	OrderRef, ExternalOrder, ClosedReason, WorkflowID, RunID         string
	RemindersSent, SkippedSteps                                      string
	DueDate                                                          time.Time
}

func (f fixture) renewalRow(t *testing.T, in renewal.Input) (row renewalRow) {
	t.Helper()
	f.scan(t, &row, `SELECT status, channel, channel_partner, quote_number, contacts_verified_by, order_ref, external_order,
		closed_reason, workflow_id, run_id, array_to_string(reminders_sent, ',') AS reminders_sent,
		array_to_string(skipped_steps, ',') AS skipped_steps, due_date
		FROM renewals WHERE site_id = ? AND due_date = ?::date`, in.SiteID, in.DueDate.Format(renewal.DateLayout))
	return row
}
