package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/policy"
	"github.com/pao/pao/workflows/quote"
)

// Quotes are the database activities of the quote workflow: its read
// model (RecordQuote) and its emails (QueueQuoteNotice, quote_notices.go).
type Quotes struct{ Deps }

// finalQuoteStatuses are never overwritten by a later write (a reset or
// replayed workflow replaying an earlier transition).
var finalQuoteStatuses = []models.QuoteStatus{models.QuoteOrdered, models.QuoteExpired, models.QuoteDeclined, models.QuoteCancelled}

// RecordQuote writes the quote's rows from the workflow state, in one
// transaction: the quote (inserted by the first call), the lines asked
// for, every version with its priced lines (written once, never changed)
// and every change request with its answer. Idempotent: a retried or
// replayed call writes the same rows; a final status is never overwritten.
func (q *Quotes) RecordQuote(ctx context.Context, rec quote.Record) error {
	exec := activity.GetInfo(ctx).WorkflowExecution
	err := q.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		id, err := q.upsertQuote(tx, exec.ID, exec.RunID, rec)
		if err != nil {
			return err
		}
		if err := q.requestLines(tx, id, rec.Input.Lines); err != nil {
			return err
		}
		for _, v := range rec.State.Versions {
			if err := q.version(tx, id, v); err != nil {
				return err
			}
		}
		for _, c := range rec.State.Changes {
			if err := q.change(tx, id, c); err != nil {
				return err
			}
		}
		return nil
	})
	return classify("record quote", err)
}

func (q *Quotes) upsertQuote(tx *gorm.DB, workflowID, runID string, rec quote.Record) (int64, error) {
	in, st := rec.Input, rec.State
	row := models.Quote{
		QuoteNumber: in.QuoteNumber, Kind: in.Kind, SiteID: in.SiteID, CustomerID: in.CustomerID, RepID: in.Rep.ID,
		Status: st.Status, Note: in.Note, CurrentVersion: st.Version, Reminded: st.Reminded,
		ClosedReason: st.ClosedReason, ClosedBy: st.ClosedBy, OrderRef: st.OrderRef,
		WorkflowID: workflowID, RunID: runID, UpdatedAt: q.now(),
	}
	if in.Requester != nil {
		row.RequesterID = &in.Requester.ID
	}
	if !st.ValidUntil.IsZero() {
		vu := st.ValidUntil
		row.ValidUntil = &vu
	}
	err := tx.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "quote_number"}},
		DoUpdates: clause.AssignmentColumns([]string{"status", "current_version", "valid_until", "reminded",
			"closed_reason", "closed_by", "order_ref", "run_id", "updated_at"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL: "quotes.status NOT IN ?", Vars: []any{finalQuoteStatuses}}}},
	}).Create(&row).Error
	if err != nil {
		return 0, fmt.Errorf("upsert quote %s: %w", in.QuoteNumber, err)
	}
	var id int64
	if err := tx.Model(&models.Quote{}).Select("id").Where("quote_number = ?", in.QuoteNumber).Scan(&id).Error; err != nil {
		return 0, fmt.Errorf("look up quote %s: %w", in.QuoteNumber, err)
	}
	return id, nil
}

func (q *Quotes) requestLines(tx *gorm.DB, quoteID int64, lines []models.QuoteItem) error {
	if len(lines) == 0 {
		return nil
	}
	rows := make([]models.QuoteRequestLine, 0, len(lines))
	for i, l := range lines {
		rows = append(rows, models.QuoteRequestLine{QuoteID: quoteID, LineNo: i + 1, ProductID: l.ProductID,
			PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity})
	}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error; err != nil {
		return fmt.Errorf("insert request lines: %w", err)
	}
	return nil
}

// version writes an issued version and its lines once.
func (q *Quotes) version(tx *gorm.DB, quoteID int64, v quote.Version) error {
	row := models.QuoteVersion{QuoteID: quoteID, Version: v.Number, Currency: v.Total.Currency, TotalMinor: v.Total.Minor,
		ValidUntil: v.ValidUntil, IssuedBy: v.IssuedBy, IssuedAt: v.IssuedAt, Note: v.Note}
	if v.ChangeRequest != 0 {
		c := v.ChangeRequest
		row.ChangeRequest = &c
	}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return fmt.Errorf("insert version %d: %w", v.Number, res.Error)
	}
	if res.RowsAffected == 0 {
		return nil // written before: versions never change
	}
	lines := make([]models.QuoteLine, 0, len(v.Lines))
	for i, l := range v.Lines {
		lines = append(lines, models.QuoteLine{QuoteID: quoteID, Version: v.Number, LineNo: i + 1, ProductID: l.ProductID,
			PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity, UnitMinor: l.Unit.Minor,
			Currency: l.Unit.Currency, DiscountBP: l.DiscountBP, LineTotalMinor: l.Total.Minor})
	}
	if err := tx.Create(&lines).Error; err != nil {
		return fmt.Errorf("insert lines of version %d: %w", v.Number, err)
	}
	return nil
}

// change upserts a change request and its answer.
func (q *Quotes) change(tx *gorm.DB, quoteID int64, c quote.Change) error {
	changes, err := models.ToJSON(c.Changes)
	if err != nil {
		return fmt.Errorf("encode change request %d: %w", c.Seq, err)
	}
	row := models.QuoteChangeRequest{QuoteID: quoteID, Seq: c.Seq, OnVersion: c.OnVersion, RequestedByID: c.By.ID,
		RequestedBy: c.By.Email, Changes: changes, Note: c.Note, Status: c.Status, AnswerReason: c.AnswerReason,
		AnsweredBy: c.AnsweredBy, CreatedAt: c.At}
	if c.RevisedVersion != 0 {
		v := c.RevisedVersion
		row.RevisedVersion = &v
	}
	if !c.AnsweredAt.IsZero() {
		at := c.AnsweredAt
		row.AnsweredAt = &at
	}
	err = tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "quote_id"}, {Name: "seq"}},
		DoUpdates: clause.AssignmentColumns([]string{"status", "answer_reason", "answered_by", "revised_version", "answered_at"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL: "quote_change_requests.status = ?", Vars: []any{models.ChangePending}}}},
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("upsert change request %d: %w", c.Seq, err)
	}
	return nil
}

// AllocateQuoteNumber returns a new quote number of kind for the year of
// now (the renewal process calls it before starting a renewal quote; the
// API allocates its own the same way). Numbers are never reused; a number
// allocated and not used is a gap, nothing more.
func (q *Quotes) AllocateQuoteNumber(ctx context.Context, kind models.QuoteKind) (string, error) {
	if !kind.Valid() {
		return "", temporal.NewNonRetryableApplicationError("unknown quote kind "+string(kind), policy.ErrInvalidInput, nil)
	}
	var n int64
	if err := q.DB.WithContext(ctx).Raw("SELECT nextval('quote_number_seq')").Scan(&n).Error; err != nil {
		return "", classify("allocate quote number", err)
	}
	return models.QuoteNumber(kind, q.now().Year(), n), nil
}
