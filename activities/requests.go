package activities

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// Requests are the database activities of the access-request workflow.
type Requests struct{ Deps }

// RecordRequest upserts the request's read-model row from the workflow
// state and, for a transition with an audit action, writes its audit row
// once (keyed by request and action), in one transaction.
func (r *Requests) RecordRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	id, err := uuid.Parse(rec.Input.RequestID)
	if err != nil {
		return temporal.NewNonRetryableApplicationError("bad request id", "InvalidInput", err)
	}
	in, st := rec.Input, rec.State
	row := models.AccessRequest{
		ID: id, Kind: in.Kind, WorkflowID: activity.GetInfo(ctx).WorkflowExecution.ID,
		RunID: activity.GetInfo(ctx).WorkflowExecution.RunID, CustomerID: in.CustomerID,
		RequesterID: in.RequesterID, RequesterEmail: in.Requester.Email, Name: in.Requester.Name,
		Company: in.Requester.Company, Phone: in.Requester.Phone, Reason: in.Reason,
		Status: st.Status, Reminded: st.Reminded, Escalated: st.Escalated,
		DecidedBy: st.DecidedBy, DecisionReason: st.DecisionReason, SupportLevel: st.SupportLevel,
		UpdatedAt: r.now(),
	}
	if in.SiteID != 0 {
		row.SiteID = &in.SiteID
	}
	if st.Granted != nil {
		if row.Granted, err = models.ToJSON(st.Granted.Named()); err != nil {
			return err
		}
	}
	return r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// A final status is never overwritten by a late pending write.
		err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "id"}},
			DoUpdates: clause.AssignmentColumns([]string{"run_id", "status", "reminded", "escalated", "decided_by",
				"decision_reason", "granted", "support_level", "updated_at"}),
			Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
				SQL: "access_requests.status = 'pending' OR EXCLUDED.status <> 'pending'"}}},
		}).Create(&row).Error
		if err != nil {
			return fmt.Errorf("record request: %w", err)
		}
		if rec.AuditAction == "" {
			return nil
		}
		if done, err := accounts.RequestAudited(tx, in.RequestID, rec.AuditAction); err != nil || done {
			return err
		}
		after := map[string]any{"status": st.Status, "kind": in.Kind, "requester": in.Requester.Email, "reason": st.DecisionReason}
		if st.Granted != nil {
			after["granted"] = st.Granted.Named()
		}
		if st.SupportLevel != nil {
			after["support_level"] = st.SupportLevel.String()
		}
		return accounts.Audit(tx, accounts.Actor{Email: rec.Actor}, rec.AuditAction, row.SiteID, &in.CustomerID, "access_request", in.RequestID, nil, after)
	})
}

// GrantRequest grants what an approved request decided: site privileges for
// a nomination, a support level for a support-access request. Idempotent.
func (r *Requests) GrantRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	svc := accounts.Service{DB: r.DB, Now: r.Now}
	actor := accounts.Actor{Email: rec.Actor}
	in, st := rec.Input, rec.State
	switch {
	case in.Kind == models.KindNomination && st.Granted != nil:
		return wrapGrant(svc.GrantRequested(ctx, actor, in.SiteID, in.RequesterID, *st.Granted, in.RequestID))
	case in.Kind == models.KindSupportAccess && st.SupportLevel != nil:
		return wrapGrant(svc.GrantSupportLevel(ctx, actor, in.CustomerID, in.RequesterID, *st.SupportLevel, in.RequestID))
	}
	return temporal.NewNonRetryableApplicationError("nothing to grant", "InvalidInput", nil)
}

func wrapGrant(err error) error {
	var rule *accounts.RuleError
	if errors.As(err, &rule) {
		return temporal.NewNonRetryableApplicationError(rule.Error(), accessrequest.ErrGrantRefused, err)
	}
	return err
}
