package activities

import (
	"context"
	"fmt"
	"strings"

	"github.com/lib/pq"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// Renewals are the database activities of the renewal workflow: its read
// model (RecordRenewal), its renewal quote (PrepareRenewalQuote) and its
// emails (QueueRenewalNotice, renewal_notices.go).
type Renewals struct{ Deps }

// finalRenewalStatuses are never overwritten by a later write (a reset or
// replayed workflow replaying an earlier transition).
var finalRenewalStatuses = pq.StringArray{string(models.RenewalRenewed), string(models.RenewalLapsed)}

// RecordRenewal writes the renewal's row from the workflow state, keyed by
// its workflow ID (the site and the due date). Idempotent: a retried or
// replayed call writes the same row; a final status is never overwritten,
// and a quote number once recorded is kept (a reset run reuses it).
func (r *Renewals) RecordRenewal(ctx context.Context, rec renewal.Record) error {
	in, st := rec.Input, rec.State
	runID := activity.GetInfo(ctx).WorkflowExecution.RunID
	now := r.now()
	err := r.DB.WithContext(ctx).Exec(`INSERT INTO renewals (site_id, customer_id, due_date, status, channel, channel_partner,
			quote_number, contacts_verified_at, contacts_verified_by, reminders_sent, skipped_steps, order_ref, external_order,
			closed_reason, workflow_id, run_id, created_at, updated_at)
		VALUES (?, ?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workflow_id) DO UPDATE SET status = EXCLUDED.status, channel = EXCLUDED.channel,
			channel_partner = EXCLUDED.channel_partner,
			quote_number = CASE WHEN EXCLUDED.quote_number <> '' THEN EXCLUDED.quote_number ELSE renewals.quote_number END,
			contacts_verified_at = EXCLUDED.contacts_verified_at, contacts_verified_by = EXCLUDED.contacts_verified_by,
			reminders_sent = EXCLUDED.reminders_sent, skipped_steps = EXCLUDED.skipped_steps, order_ref = EXCLUDED.order_ref,
			external_order = EXCLUDED.external_order, closed_reason = EXCLUDED.closed_reason, run_id = EXCLUDED.run_id,
			updated_at = EXCLUDED.updated_at
		WHERE renewals.status <> ALL (?)`,
		in.SiteID, in.CustomerID, in.DueDate.UTC().Format(renewal.DateLayout), string(st.Status), string(st.Channel), st.Partner,
		st.QuoteNumber, st.VerifiedAt, st.VerifiedBy, pq.StringArray(nonNil(st.RemindersSent)), pq.StringArray(nonNil(st.Skipped)),
		st.OrderRef, st.ExternalOrder, st.ClosedReason, renewal.WorkflowID(in.SiteNumber, in.DueDate), runID, now, now,
		finalRenewalStatuses).Error
	return classify("record renewal", err)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// dueLine is an S&S line due on a site at a date.
type dueLine struct {
	ProductID   int64
	PartNumber  string
	Description string
	Quantity    int64
}

// linesDue are the S&S lines of the site's coverage that end on the due
// date: the coverage held on S&S renewal parts (licence type ss_renewal).
func (r *Renewals) linesDue(ctx context.Context, in renewal.Input) ([]dueLine, error) {
	var rows []dueLine
	err := r.DB.WithContext(ctx).Raw(`SELECT p.id AS product_id, p.part_number, p.description, c.quantity
		FROM coverages c JOIN products p ON p.id = c.product_id
		WHERE c.site_id = ? AND c.end_date = ?::date AND p.license_type = ?
		ORDER BY p.part_number`, in.SiteID, in.DueDate.UTC().Format(renewal.DateLayout), string(models.SSRenewal)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("coverage of site %s due %s: %w", in.SiteNumber, in.DueDate.Format(renewal.DateLayout), err)
	}
	return rows, nil
}

// renewalRep is the customer's renewal rep, or its sales rep when it has
// none (nil: neither).
func (r *Renewals) renewalRep(ctx context.Context, customerID int64) (*quote.Person, string, error) {
	var rows []struct {
		ID                 int64
		Email, Name, Phone string
	}
	err := r.DB.WithContext(ctx).Raw(`SELECT u.id, u.email, u.name, u.phone FROM customers c
		JOIN users u ON u.id = COALESCE(c.renewal_rep_id, c.sales_rep_id) WHERE c.id = ?`, customerID).Scan(&rows).Error
	if err != nil {
		return nil, "", fmt.Errorf("renewal rep of customer id %d: %w", customerID, err)
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	return &quote.Person{ID: rows[0].ID, Email: rows[0].Email, Name: rows[0].Name}, rows[0].Phone, nil
}

// PrepareRenewalQuote builds the renewal quote of the renewal (F2): a
// quote of kind renewal with every S&S line due on the site at the due
// date, priced from the site's currency and its agreement's volume level
// (an Express site's single level), for the customer's renewal rep (its
// sales rep when it has none), issued at once by the system and valid
// until the due date. Its number is the renewal's recorded one (a reset
// run starts the same quote) or a new RQ- number. A part without a price
// at that level leaves the quote to the rep to price (no automatic
// issue). Nothing due is ErrNothingDue, no rep ErrNoRep, both
// non-retryable.
func (r *Renewals) PrepareRenewalQuote(ctx context.Context, in renewal.Input) (quote.Input, error) {
	lines, err := r.linesDue(ctx, in)
	if err != nil {
		return quote.Input{}, classify("prepare renewal quote", err)
	}
	due := in.DueDate.UTC().Format(renewal.DateLayout)
	if len(lines) == 0 {
		return quote.Input{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("no S&S coverage of site %s ends on %s", in.SiteNumber, due), renewal.ErrNothingDue, nil)
	}
	rep, _, err := r.renewalRep(ctx, in.CustomerID)
	if err != nil {
		return quote.Input{}, classify("prepare renewal quote", err)
	}
	if rep == nil {
		return quote.Input{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("customer %s has no renewal rep (nor a sales rep) to own its renewal quote", in.CustomerNumber), renewal.ErrNoRep, nil)
	}
	currency, level, err := catalog.SitePricing(ctx, r.DB, in.SiteID)
	if err != nil {
		return quote.Input{}, classify("prepare renewal quote", err)
	}
	ids := make([]int64, 0, len(lines))
	for _, l := range lines {
		ids = append(ids, l.ProductID)
	}
	prices, err := catalog.Prices(ctx, r.DB, currency, level, ids)
	if err != nil {
		return quote.Input{}, classify("prepare renewal quote", err)
	}
	number, err := r.renewalQuoteNumber(ctx, in)
	if err != nil {
		return quote.Input{}, classify("prepare renewal quote", err)
	}
	qin := quote.Input{
		QuoteNumber: number, Kind: models.QuoteRenewal, SiteID: in.SiteID, SiteNumber: in.SiteNumber,
		CustomerID: in.CustomerID, CustomerNumber: in.CustomerNumber, Currency: currency, Rep: *rep,
		Timers: quote.Timers{RemindBefore: in.QuoteRemindBefore},
		// The renewal sends its renewal notice about version 1 itself.
		QuietFirstIssue: true,
	}
	issue := &quote.Issue{ValidUntil: in.DueDate.UTC()}
	var unpriced []string
	for _, l := range lines {
		item := models.QuoteItem{ProductID: l.ProductID, PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity}
		qin.Lines = append(qin.Lines, item)
		unit, ok := prices[l.ProductID]
		if !ok {
			unpriced = append(unpriced, l.PartNumber)
			continue
		}
		issue.Lines = append(issue.Lines, quote.IssueLine{QuoteItem: item, Unit: unit})
	}
	if len(unpriced) == 0 {
		qin.Issue = issue
	} else {
		qin.Note = fmt.Sprintf("Renewal of the S&S due on %s: no catalog price at level %s in %s for %s. Price it valid until %s.",
			due, level, currency, strings.Join(unpriced, ", "), due)
	}
	return qin, nil
}

// renewalQuoteNumber is the quote number the renewal recorded, or a new
// RQ- number (a number allocated and not used is a gap, nothing more).
func (r *Renewals) renewalQuoteNumber(ctx context.Context, in renewal.Input) (string, error) {
	db := r.DB.WithContext(ctx)
	var recorded []string
	if err := db.Raw(`SELECT quote_number FROM renewals WHERE workflow_id = ? AND quote_number <> ''`,
		renewal.WorkflowID(in.SiteNumber, in.DueDate)).Scan(&recorded).Error; err != nil {
		return "", fmt.Errorf("recorded quote number: %w", err)
	}
	if len(recorded) > 0 {
		return recorded[0], nil
	}
	var n int64
	if err := db.Raw("SELECT nextval('quote_number_seq')").Scan(&n).Error; err != nil {
		return "", fmt.Errorf("allocate quote number: %w", err)
	}
	return models.QuoteNumber(models.QuoteRenewal, r.now().Year(), n), nil
}
