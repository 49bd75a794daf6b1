package activities

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
	"github.com/pao/pao/workflows/renewal"
)

// SettleExternalOrder settles a renewal ordered off-line (through a
// Business Partner or the renewal rep, F5), as the order process settles
// one ordered online: in one transaction, each S&S line of the renewal
// quote's current version extends the site's coverage from the due date
// to the next anniversary (Express: a year on), with an audit row; then
// the quote is told it was ordered under the external reference, so it
// can be neither ordered again nor expire. Idempotent: coverage already
// extended past the due date is left as it is; the quote answers a repeat
// of its order update the same. A quote that refuses (a change request
// pending) is a non-retryable failure the renewal records.
func (r *Renewals) SettleExternalOrder(ctx context.Context, s renewal.ExternalSettlement) error {
	version, err := r.extendExternally(ctx, s)
	if err != nil {
		return classify("settle external order "+s.Reference, err)
	}
	if version == 0 {
		return nil
	}
	refused, err := r.tell(ctx, quote.WorkflowID(s.QuoteNumber), quote.UpdateOrder, quote.Order{OrderRef: s.Reference, Version: version, By: s.By})
	if err != nil {
		return err
	}
	if refused != "" {
		return temporal.NewNonRetryableApplicationError("quote not marked ordered: "+refused, policy.ErrInvalidInput, nil)
	}
	return nil
}

// extendExternally extends the coverage of the quote's current version's
// lines and returns that version (0: the quote has none).
func (r *Renewals) extendExternally(ctx context.Context, s renewal.ExternalSettlement) (int, error) {
	var version int
	err := r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var q struct {
			ID             int64
			CurrentVersion int
		}
		if err := tx.Raw(`SELECT id, current_version FROM quotes WHERE quote_number = ? AND site_id = ? FOR UPDATE`,
			s.QuoteNumber, s.Input.SiteID).Scan(&q).Error; err != nil {
			return fmt.Errorf("lock quote: %w", err)
		}
		if q.CurrentVersion == 0 {
			return nil
		}
		version = q.CurrentVersion
		var anniversary *time.Time
		if err := tx.Raw(`SELECT a.anniversary FROM sites s LEFT JOIN agreements a ON a.id = s.agreement_id WHERE s.id = ?`,
			s.Input.SiteID).Scan(&anniversary).Error; err != nil {
			return fmt.Errorf("agreement of site %s: %w", s.Input.SiteNumber, err)
		}
		var lines []struct {
			ProductID  int64
			PartNumber string
			Quantity   int64
		}
		if err := tx.Raw(`SELECT l.product_id, l.part_number, l.quantity FROM quote_lines l JOIN products p ON p.id = l.product_id
			WHERE l.quote_id = ? AND l.version = ? AND p.license_type = 'ss_renewal' ORDER BY l.line_no`, q.ID, q.CurrentVersion).
			Scan(&lines).Error; err != nil {
			return fmt.Errorf("lines of quote %s: %w", s.QuoteNumber, err)
		}
		due := models.Day(s.Input.DueDate)
		var renewed []string
		for _, l := range lines {
			terms := models.CoverageTerms{Day: due, ExistingEnd: due, LineQuantity: l.Quantity}
			if anniversary != nil {
				terms.Anniversary = *anniversary
			}
			ch, _, err := models.FulfilCoverage(models.SSRenewal, terms)
			if err != nil {
				return temporal.NewNonRetryableApplicationError(err.Error(), policy.ErrInvalidInput, err)
			}
			res := tx.Exec(`UPDATE coverages SET quantity = ?, end_date = ?, updated_at = ? WHERE site_id = ? AND product_id = ? AND end_date <= ?`,
				ch.Quantity, ch.End, r.now(), s.Input.SiteID, l.ProductID, due)
			if res.Error != nil {
				return fmt.Errorf("extend coverage of %s: %w", l.PartNumber, res.Error)
			}
			if res.RowsAffected > 0 {
				renewed = append(renewed, l.PartNumber+" to "+ch.End.Format(time.DateOnly))
			}
		}
		if len(renewed) == 0 {
			return nil
		}
		after, err := json.Marshal(map[string]any{"external_order": s.Reference, "quote_number": s.QuoteNumber, "renewed": renewed})
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		site, customer := s.Input.SiteID, s.Input.CustomerID
		row := models.AuditEntry{At: r.now(), Actor: s.By, Action: "renewal.external_order", SiteID: &site, CustomerID: &customer,
			ObjectType: "renewal", ObjectID: renewal.WorkflowID(s.Input.SiteNumber, s.Input.DueDate), After: models.JSON(after)}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("audit external order: %w", err)
		}
		return nil
	})
	return version, err
}
