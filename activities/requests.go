package activities

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
	"github.com/pao/pao/workflows/policy"
)

// Requests are the database activities of the access-request workflow.
type Requests struct{ Deps }

// staleReason is the decision reason of a pending row whose run ended
// without an outcome (terminated, failed, timed out).
const staleReason = "the process ended without a decision"

// RecordRequest upserts the request's read-model row from the workflow
// state (the first call inserts it) and, for a transition with an audit
// action, writes its audit row once (keyed by request and action), in one
// transaction. A pending write first closes, as expired, any other pending
// row of the same workflow ID: Temporal runs one run per ID at a time, so
// such a row belongs to a run that ended without an outcome.
func (r *Requests) RecordRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	exec := activity.GetInfo(ctx).WorkflowExecution
	err := r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return r.record(tx, exec.ID, exec.RunID, rec)
	})
	return classify("record request", err)
}

// ApproveRequest grants what an approved request decided and records the
// approval, in one transaction: either both happen or neither does (a
// grant refused by a rule is accessrequest.ErrGrantRefused, a write refused
// for good a non-retryable database error).
func (r *Requests) ApproveRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	exec := activity.GetInfo(ctx).WorkflowExecution
	err := r.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := r.grant(ctx, tx, rec); err != nil {
			return err
		}
		return r.record(tx, exec.ID, exec.RunID, rec)
	})
	return classify("approve request", err)
}

// GrantRequest grants what an approved request decided, on its own: the
// step of histories recorded before ApproveRequest. Idempotent.
func (r *Requests) GrantRequest(ctx context.Context, rec accessrequest.RequestRecord) error {
	return classify("grant request", r.grant(ctx, r.DB, rec))
}

// grant applies the approval through the accounts service on db (a
// transaction, or the pool): site privileges for a nomination, a support
// level for a support-access request.
func (r *Requests) grant(ctx context.Context, db *gorm.DB, rec accessrequest.RequestRecord) error {
	svc := accounts.Service{DB: db, Now: r.Now}
	approver := accounts.Actor{Email: rec.Actor}
	in, st := rec.Input, rec.State
	switch {
	case in.Kind == models.KindNomination && st.Granted != nil:
		return svc.GrantRequested(ctx, approver, in.SiteID, in.RequesterID, *st.Granted, in.RequestID)
	case in.Kind == models.KindSupportAccess && st.SupportLevel != nil:
		return svc.GrantSupportLevel(ctx, approver, in.CustomerID, in.RequesterID, *st.SupportLevel, in.RequestID)
	}
	return temporal.NewNonRetryableApplicationError("nothing to grant", policy.ErrInvalidInput, nil)
}

// record writes rec's row and audit row in tx.
func (r *Requests) record(tx *gorm.DB, workflowID, runID string, rec accessrequest.RequestRecord) error {
	id, err := uuid.Parse(rec.Input.RequestID)
	if err != nil {
		return temporal.NewNonRetryableApplicationError("bad request id", policy.ErrInvalidInput, err)
	}
	in, st := rec.Input, rec.State
	row := models.AccessRequest{
		ID: id, Kind: in.Kind, WorkflowID: workflowID, RunID: runID, CustomerID: in.CustomerID,
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
			return fmt.Errorf("encode granted privileges: %w", err)
		}
	}
	if st.Status == models.StatusPending {
		if err := r.closeStale(tx, workflowID, id); err != nil {
			return err
		}
	}
	// A final status is never overwritten by a late pending write.
	err = tx.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "id"}},
		DoUpdates: clause.AssignmentColumns([]string{"run_id", "status", "reminded", "escalated", "decided_by",
			"decision_reason", "granted", "support_level", "updated_at"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL: "access_requests.status = 'pending' OR EXCLUDED.status <> 'pending'"}}},
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("upsert request row: %w", err)
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
}

// closeStale expires every other pending row of workflowID, each with a
// request.close_stale audit row by "system".
func (r *Requests) closeStale(tx *gorm.DB, workflowID string, keep uuid.UUID) error {
	var stale []models.AccessRequest
	err := tx.Model(&stale).Clauses(clause.Returning{Columns: []clause.Column{{Name: "id"}, {Name: "site_id"}, {Name: "customer_id"}}}).
		Where("workflow_id = ? AND status = ? AND id <> ?", workflowID, models.StatusPending, keep).
		Updates(map[string]any{"status": models.StatusExpired, "decision_reason": staleReason, "updated_at": r.now()}).Error
	if err != nil {
		return fmt.Errorf("close stale request: %w", err)
	}
	for _, s := range stale {
		if err := accounts.Audit(tx, accounts.Actor{Email: "system"}, "request.close_stale", s.SiteID, &s.CustomerID,
			"access_request", s.ID.String(), map[string]string{"status": string(models.StatusPending)},
			map[string]string{"status": string(models.StatusExpired), "reason": staleReason}); err != nil {
			return err
		}
	}
	return nil
}
