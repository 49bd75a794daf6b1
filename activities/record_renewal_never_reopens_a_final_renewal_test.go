package activities_test

import (
	"testing"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// RecordRenewal writes the renewal's row keyed by its workflow ID (site
// and due date) at every transition; a write of an earlier state after a
// final one (a reset or replayed workflow) never reopens it, and the quote
// number once recorded is kept.
func TestRecordRenewalNeverReopensAFinalRenewal(t *testing.T) {
	f := newFixture(t)
	in := f.renewalInput(t, "300001", "1000001")
	write := func(st renewal.State) {
		f.mustRun(t, renewal.ActivityRecordRenewal, renewal.Record{Input: in, State: st})
	}

	scheduled := renewal.State{Status: models.RenewalScheduled, Channel: models.ChannelOnline, Skipped: []string{"verification"}}
	write(scheduled)
	row := f.renewalRow(t, in)
	if row.Status != "scheduled" || row.SkippedSteps != "verification" || row.WorkflowID != renewal.WorkflowID(in.SiteNumber, in.DueDate) ||
		row.RunID != testRunID || !row.DueDate.Equal(in.DueDate) {
		t.Fatalf("first row = %+v", row)
	}
	quoted := scheduled
	quoted.Status, quoted.QuoteNumber, quoted.RemindersSent = models.RenewalQuoted, "RQ-2027-000042", []string{"reminder-60d"}
	write(quoted)
	write(scheduled) // a reset run replaying its first write: the quote number stays
	if row := f.renewalRow(t, in); row.Status != "scheduled" || row.QuoteNumber != "RQ-2027-000042" {
		t.Fatalf("after a replayed first write = %+v", row)
	}
	awaiting := quoted
	awaiting.Status, awaiting.Channel, awaiting.Partner = models.RenewalAwaitingOrder, models.ChannelBusinessPartner, "Northgate"
	write(awaiting)
	renewed := awaiting
	renewed.Status, renewed.ExternalOrder, renewed.ClosedReason = models.RenewalRenewed, "NG-118", "renewed through the Business Partner"
	write(renewed)
	write(quoted) // late
	row = f.renewalRow(t, in)
	if row.Status != "renewed" || row.Channel != "business_partner" || row.ChannelPartner != "Northgate" || row.ExternalOrder != "NG-118" ||
		row.ClosedReason == "" || row.RemindersSent != "reminder-60d" {
		t.Fatalf("final row = %+v", row)
	}
	if n := f.count(t, "SELECT count(*) FROM renewals"); n != 1 {
		t.Fatalf("%d renewal rows, want 1", n)
	}
}
