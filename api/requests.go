package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// requestBody is a self-nomination (C1) or a support-access request (D2).
type requestBody struct {
	CustomerNumber string `json:"customer_number" validate:"required,numeric,min=4,max=10"`
	SiteNumber     string `json:"site_number" validate:"omitempty,numeric,min=4,max=10"`
	Name           string `json:"name" validate:"required,min=1,max=200"`
	Email          string `json:"email" validate:"required,email,max=254"`
	Company        string `json:"company" validate:"required,min=1,max=200"`
	Phone          string `json:"phone" validate:"required,e164"`
	Reason         string `json:"reason" validate:"required,min=3,max=2000"`
}

// requestView is the API shape of an access request, served from Postgres.
type requestView struct {
	ID             uuid.UUID         `json:"id"`
	Kind           string            `json:"kind"`
	WorkflowID     string            `json:"workflow_id"`
	SiteNumber     string            `json:"site_number,omitempty"`
	CustomerNumber string            `json:"customer_number"`
	RequesterEmail string            `json:"requester_email"`
	Name           string            `json:"name"`
	Company        string            `json:"company"`
	Phone          string            `json:"phone"`
	Reason         string            `json:"reason"`
	Status         string            `json:"status"`
	Reminded       bool              `json:"reminded"`
	Escalated      bool              `json:"escalated"`
	DecidedBy      string            `json:"decided_by,omitempty"`
	DecisionReason string            `json:"decision_reason,omitempty"`
	Granted        models.JSON       `json:"granted,omitempty"`
	SupportLevel   string            `json:"support_level,omitempty"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	Links          map[string]string `json:"links"`
}

type requestRow struct {
	models.AccessRequest
	SiteNumber     string
	CustomerNumber string
}

func (s *Server) requestsQuery(ctx context.Context) *gorm.DB {
	return s.DB.WithContext(ctx).Table("access_requests r").
		Select("r.*, sites.site_number, customers.customer_number").
		Joins("LEFT JOIN sites ON sites.id = r.site_id").
		Joins("JOIN customers ON customers.id = r.customer_id")
}

func viewOf(r requestRow) requestView {
	prefix := "/v1/nominations/"
	if r.Kind == models.KindSupportAccess {
		prefix = "/v1/support-access-requests/"
	}
	v := requestView{
		ID: r.ID, Kind: string(r.Kind), WorkflowID: r.WorkflowID, SiteNumber: r.SiteNumber, CustomerNumber: r.CustomerNumber,
		RequesterEmail: r.RequesterEmail, Name: r.Name, Company: r.Company, Phone: r.Phone, Reason: r.Reason,
		Status: string(r.Status), Reminded: r.Reminded, Escalated: r.Escalated, DecidedBy: r.DecidedBy,
		DecisionReason: r.DecisionReason, Granted: r.Granted, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Links: map[string]string{"self": prefix + r.ID.String()},
	}
	if r.SupportLevel != nil {
		v.SupportLevel = r.SupportLevel.String()
	}
	if r.Status == models.StatusPending {
		v.Links["decision"] = prefix + r.ID.String() + "/decision"
		v.Links["withdraw"] = prefix + r.ID.String() + "/withdraw"
	}
	return v
}

// timers are the C5 delays from configuration.
func (s *Server) timers() accessrequest.Timers {
	return accessrequest.Timers{RemindAfter: s.Timers.RemindAfter, EscalateAfter: s.Timers.EscalateAfter, ExpireAfter: s.Timers.ExpireAfter}
}

// POST /v1/nominations (C1, C6)
func (s *Server) postNomination(c *gin.Context) error {
	b, err := s.bindRequest(c)
	if err != nil {
		return err
	}
	if b.SiteNumber == "" {
		return Invalid(FieldError{Field: "site_number", Detail: "is required"})
	}
	var site models.Site
	err = s.DB.WithContext(c).Joins("Customer").
		Where("sites.site_number = ? AND \"Customer\".customer_number = ?", b.SiteNumber, b.CustomerNumber).Take(&site).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Unprocessable("C1", "no site matches this customer number and site number")
	}
	if err != nil {
		return fmt.Errorf("load site: %w", err)
	}
	standing, err := s.siteStanding(c, site, currentUser(c).ID)
	if err != nil {
		return err
	}
	if standing.HasAccess {
		return Conflict("C6", "you already have access to this site")
	}
	in := accessrequest.Input{
		Kind: models.KindNomination, SiteID: site.ID, SiteNumber: site.SiteNumber,
		CustomerID: site.CustomerID, CustomerNumber: b.CustomerNumber,
	}
	return s.startRequest(c, b, in, accessrequest.NominationID(site.SiteNumber, currentUser(c).ID))
}

// POST /v1/support-access-requests (D2)
func (s *Server) postSupportRequest(c *gin.Context) error {
	b, err := s.bindRequest(c)
	if err != nil {
		return err
	}
	if b.SiteNumber != "" {
		return Invalid(FieldError{Field: "site_number", Detail: "support access is per account: leave it out"})
	}
	u := currentUser(c)
	// Only people of the account (a user of one of its sites) may ask; to
	// anybody else the account does not exist.
	var cust models.Customer
	err = s.DB.WithContext(c).Where("customer_number = ? AND EXISTS (SELECT 1 FROM site_access a JOIN sites ON sites.id = a.site_id WHERE sites.customer_id = customers.id AND a.user_id = ?)", b.CustomerNumber, u.ID).
		Take(&cust).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Unprocessable("D2", "no account with this customer number that you belong to")
	}
	if err != nil {
		return fmt.Errorf("load account: %w", err)
	}
	standing, err := s.accountStanding(c, cust, u.ID)
	if err != nil {
		return err
	}
	if standing.Level > models.SupportNone {
		return Conflict("D2", fmt.Sprintf("you already have %s support access to this account", standing.Level))
	}
	in := accessrequest.Input{Kind: models.KindSupportAccess, CustomerID: cust.ID, CustomerNumber: cust.CustomerNumber}
	return s.startRequest(c, b, in, accessrequest.SupportAccessID(cust.CustomerNumber, u.ID))
}

func (s *Server) bindRequest(c *gin.Context) (requestBody, error) {
	var b requestBody
	if err := s.bind(c, &b); err != nil {
		return b, err
	}
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil || email != currentUser(c).Email {
		return b, Invalid(FieldError{Field: "email", Detail: "must be your own email address (the one you signed in with)"})
	}
	b.Email = email
	b.Name, b.Company, b.Reason = strings.TrimSpace(b.Name), strings.TrimSpace(b.Company), strings.TrimSpace(b.Reason)
	return b, nil
}

// startRequest records the pending request and starts its workflow in one
// step: the row is inserted in a transaction that commits only once the
// workflow has started, and a second pending request for the same key is
// refused by both the unique index and the workflow ID conflict policy.
func (s *Server) startRequest(c *gin.Context, b requestBody, in accessrequest.Input, workflowID string) error {
	u := currentUser(c)
	in.RequestID = uuid.NewString()
	in.RequesterID = u.ID
	in.Requester = accessrequest.Person{Email: u.Email, Name: b.Name, Company: b.Company, Phone: b.Phone}
	in.Reason = b.Reason
	in.Timers = s.timers()
	id := uuid.MustParse(in.RequestID)
	row := models.AccessRequest{
		ID: id, Kind: in.Kind, WorkflowID: workflowID, CustomerID: in.CustomerID, RequesterID: u.ID,
		RequesterEmail: u.Email, Name: b.Name, Company: b.Company, Phone: b.Phone, Reason: b.Reason,
		Status: models.StatusPending,
	}
	if in.SiteID != 0 {
		row.SiteID = &in.SiteID
	}
	sa := []temporal.SearchAttributeUpdate{
		temporalx.CustomerNumber.ValueSet(in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(models.StatusPending)),
	}
	if in.SiteNumber != "" {
		sa = append(sa, temporalx.SiteNumber.ValueSet(in.SiteNumber))
	}
	// A pending row whose workflow has closed without recording an outcome
	// (terminated by an operator, or failed) must not block the user for
	// good: close it first.
	if err := s.closeStalePending(c, workflowID); err != nil {
		return err
	}
	err := s.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; errors.Is(err, gorm.ErrDuplicatedKey) {
			return Conflict("C6", "you already have a pending request for this")
		} else if err != nil {
			return fmt.Errorf("record request: %w", err)
		}
		opts := client.StartWorkflowOptions{
			ID:                                       workflowID,
			TaskQueue:                                s.TaskQueue,
			WorkflowIDConflictPolicy:                 enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
			WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
			WorkflowExecutionErrorWhenAlreadyStarted: true,
			TypedSearchAttributes:                    temporal.NewSearchAttributes(sa...),
		}
		run, err := s.Temporal.ExecuteWorkflow(c, opts, accessrequest.WorkflowName, in)
		var started *serviceerror.WorkflowExecutionAlreadyStarted
		if errors.As(err, &started) && s.awaitClosed(c, workflowID) {
			// Our row went in, so no request is pending: the running run has
			// recorded its outcome and was finishing. Start again.
			run, err = s.Temporal.ExecuteWorkflow(c, opts, accessrequest.WorkflowName, in)
		}
		if errors.As(err, &started) {
			return Conflict("C6", "you already have a pending request for this")
		}
		if err != nil {
			return fmt.Errorf("start workflow: %w", err)
		}
		if err := tx.Model(&row).Update("run_id", run.GetRunID()).Error; err != nil {
			return fmt.Errorf("record run id: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	r, err := s.loadRequest(c, id)
	if err != nil {
		return err
	}
	c.Header("Location", viewOf(r).Links["self"])
	c.JSON(http.StatusCreated, viewOf(r))
	return nil
}

// awaitClosed waits briefly for the current run of workflowID to close and
// reports whether it did.
func (s *Server) awaitClosed(ctx context.Context, workflowID string) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := s.Temporal.GetWorkflow(ctx, workflowID, "").GetWithOptions(ctx, nil, client.WorkflowRunGetOptions{DisableFollowingRuns: true})
	return ctx.Err() == nil || err == nil
}

// closeStalePending marks the pending row of workflowID expired when its
// workflow run is no longer running, with an audit row saying why.
func (s *Server) closeStalePending(c *gin.Context, workflowID string) error {
	var row models.AccessRequest
	err := s.DB.WithContext(c).Where("workflow_id = ? AND status = ?", workflowID, models.StatusPending).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load pending request: %w", err)
	}
	desc, err := s.Temporal.DescribeWorkflowExecution(c, workflowID, row.RunID)
	var nf *serviceerror.NotFound
	switch {
	case errors.As(err, &nf):
	case err != nil:
		return fmt.Errorf("describe workflow: %w", err)
	case desc.GetWorkflowExecutionInfo().GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		return nil
	}
	reason := "the process ended without a decision"
	if err == nil {
		reason += " (" + strings.ToLower(desc.GetWorkflowExecutionInfo().GetStatus().String()) + ")"
	}
	return s.DB.WithContext(c).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.AccessRequest{}).Where("id = ? AND status = ?", row.ID, models.StatusPending).
			Updates(map[string]any{"status": models.StatusExpired, "decision_reason": reason, "updated_at": gorm.Expr("now()")})
		if res.Error != nil {
			return fmt.Errorf("close stale request: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return accounts.Audit(tx, accounts.Actor{Email: "system", RequestID: requestIDOf(c)}, "request.close_stale",
			row.SiteID, &row.CustomerID, "access_request", row.ID.String(), map[string]string{"status": "pending"},
			map[string]string{"status": string(models.StatusExpired), "reason": reason})
	})
}

func (s *Server) loadRequest(ctx context.Context, id uuid.UUID) (requestRow, error) {
	var r requestRow
	err := s.requestsQuery(ctx).Where("r.id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, NotFound("no such request")
	}
	if err != nil {
		return r, fmt.Errorf("load request: %w", err)
	}
	return r, nil
}

// requestForCaller loads a request of kind and authorizes the caller: the
// requester sees their own; otherwise the route's declared requirement must
// hold on the request's site or account. Anybody else gets 404.
func (s *Server) requestForCaller(c *gin.Context, kind models.RequestKind, allowRequester bool) (requestRow, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return requestRow{}, NotFound("no such request")
	}
	r, err := s.loadRequest(c, id)
	if err != nil {
		return r, err
	}
	if r.Kind != kind {
		return r, NotFound("no such request")
	}
	if allowRequester && r.RequesterID == currentUser(c).ID {
		return r, nil
	}
	switch kind {
	case models.KindNomination:
		var site models.Site
		if err := s.DB.WithContext(c).Take(&site, *r.SiteID).Error; err != nil {
			return r, fmt.Errorf("load site: %w", err)
		}
		err = s.authorizeSite(c, site)
	default:
		var cust models.Customer
		if err := s.DB.WithContext(c).Take(&cust, r.CustomerID).Error; err != nil {
			return r, fmt.Errorf("load account: %w", err)
		}
		err = s.authorizeAccount(c, cust)
	}
	var p *Problem
	if errors.As(err, &p) && p.Status == http.StatusForbidden {
		return r, NotFound("no such request") // not an approver: the request is none of their business
	}
	return r, err
}

// GET /v1/nominations/:id and /v1/support-access-requests/:id
func (s *Server) getRequest(kind models.RequestKind) handler {
	return func(c *gin.Context) error {
		r, err := s.requestForCaller(c, kind, true)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, viewOf(r))
		return nil
	}
}

// GET /v1/nominations and /v1/support-access-requests: ?as=requester (the
// caller's own, default) or ?as=approver (the queue of what they may
// decide); ?status= filters.
func (s *Server) listRequests(kind models.RequestKind) handler {
	return func(c *gin.Context) error {
		u := currentUser(c)
		q := s.requestsQuery(c).Where("r.kind = ?", kind).Order("r.created_at DESC").Limit(200)
		switch c.DefaultQuery("as", "requester") {
		case "requester":
			q = q.Where("r.requester_id = ?", u.ID)
		case "approver":
			if kind == models.KindNomination {
				q = q.Where(`r.site_id IN (SELECT site_id FROM site_access WHERE user_id = ? AND manage_access >= ?
					UNION SELECT site_id FROM site_contacts WHERE user_id = ? AND role = 'primary')`, u.ID, models.LevelUpdate, u.ID)
			} else {
				q = q.Where(`r.customer_id IN (SELECT customer_id FROM support_access WHERE user_id = ? AND level >= ?
					UNION SELECT sites.customer_id FROM site_contacts JOIN sites ON sites.id = site_contacts.site_id
					WHERE site_contacts.user_id = ? AND site_contacts.role = 'technical')`, u.ID, models.SupportAdmin, u.ID)
			}
			q = q.Where("r.requester_id <> ?", u.ID)
		default:
			return Invalid(FieldError{Field: "as", Detail: "must be requester or approver"})
		}
		if st := c.Query("status"); st != "" {
			switch models.RequestStatus(st) {
			case models.StatusPending, models.StatusApproved, models.StatusRejected, models.StatusWithdrawn, models.StatusExpired:
				q = q.Where("r.status = ?", st)
			default:
				return Invalid(FieldError{Field: "status", Detail: "must be pending, approved, rejected, withdrawn or expired"})
			}
		}
		var rows []requestRow
		if err := q.Scan(&rows).Error; err != nil {
			return fmt.Errorf("list requests: %w", err)
		}
		out := make([]requestView, 0, len(rows))
		for _, r := range rows {
			out = append(out, viewOf(r))
		}
		c.JSON(http.StatusOK, gin.H{"requests": out})
		return nil
	}
}

type decisionBody struct {
	Decision     string            `json:"decision" validate:"required,oneof=approve reject"`
	Privileges   map[string]string `json:"privileges"`
	SupportLevel string            `json:"support_level"`
	Reason       string            `json:"reason" validate:"max=2000"`
}

// POST /v1/nominations/:id/decision and /v1/support-access-requests/:id/decision (C3, D2)
func (s *Server) decideRequest(kind models.RequestKind) handler {
	return func(c *gin.Context) error {
		r, err := s.requestForCaller(c, kind, false)
		if err != nil {
			return err
		}
		var b decisionBody
		if err := s.bind(c, &b); err != nil {
			return err
		}
		d := accessrequest.Decision{Approve: b.Decision == "approve", Reason: strings.TrimSpace(b.Reason)}
		d.Approver.Email = currentUser(c).Email
		switch kind {
		case models.KindNomination:
			if b.SupportLevel != "" {
				return Invalid(FieldError{Field: "support_level", Detail: "not part of a self-nomination decision"})
			}
			if d.Approve {
				p, bad := models.ParseNamed(b.Privileges)
				if len(bad) > 0 {
					return privilegeFieldErrors(bad)
				}
				d.Privileges = p
			}
			a := siteAuthOf(c)
			d.Approver.IsPrimary, d.Approver.Privileges = a.IsPrimary, a.Privileges
		default:
			if len(b.Privileges) > 0 {
				return Invalid(FieldError{Field: "privileges", Detail: "not part of a support access decision"})
			}
			if d.Approve {
				l, err := models.ParseSupportLevel(b.SupportLevel)
				if err != nil {
					return Invalid(FieldError{Field: "support_level", Detail: "must be basic, full or administrator"})
				}
				d.SupportLevel = l
			}
			d.Approver.SupportAdmin = accountAuthOf(c).Level >= models.SupportAdmin
		}
		return s.updateRequest(c, r, accessrequest.UpdateDecide, d)
	}
}

func privilegeFieldErrors(bad map[string]string) error {
	fields := make([]FieldError, 0, len(bad))
	for k, v := range bad {
		fields = append(fields, FieldError{Field: "privileges." + k, Detail: v})
	}
	return Invalid(fields...)
}

// POST /v1/nominations/:id/withdraw and /v1/support-access-requests/:id/withdraw (C6)
func (s *Server) withdrawRequest(kind models.RequestKind) handler {
	return func(c *gin.Context) error {
		id, err := uuid.Parse(c.Param("id"))
		if err != nil {
			return NotFound("no such request")
		}
		r, err := s.loadRequest(c, id)
		if err != nil {
			return err
		}
		if r.Kind != kind || r.RequesterID != currentUser(c).ID {
			return NotFound("no such request")
		}
		return s.updateRequest(c, r, accessrequest.UpdateWithdraw, accessrequest.Withdrawal{By: currentUser(c).Email})
	}
}

// updateRequest sends an update to the request's workflow run and answers
// with the resulting state; refusals map to 403/409/422 with the reason.
func (s *Server) updateRequest(c *gin.Context, r requestRow, name string, arg any) error {
	h, err := s.Temporal.UpdateWorkflow(c, client.UpdateWorkflowOptions{
		WorkflowID: r.WorkflowID, RunID: r.RunID, UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var st accessrequest.State
	if err == nil {
		err = h.Get(c, &st)
	}
	if err != nil {
		if fresh, lerr := s.loadRequest(c, r.ID); lerr == nil {
			r = fresh
		}
		return updateProblem(err, r.Status)
	}
	fresh, err := s.loadRequest(c, r.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, viewOf(fresh))
	return nil
}

func updateProblem(err error, status models.RequestStatus) error {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case accessrequest.ErrAlreadyDecided:
			return Conflict("C3", app.Message())
		case accessrequest.ErrNotApprover, accessrequest.ErrAboveOwnLevel, accessrequest.ErrNotRequester:
			p := Forbidden(app.Message())
			p.Rule = "B2"
			return p
		case accessrequest.ErrInvalidDecision:
			field, detail, ok := strings.Cut(app.Message(), ": ")
			if ok && !strings.Contains(field, " ") {
				return Invalid(FieldError{Field: field, Detail: detail})
			}
			return Unprocessable("C3", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) || strings.Contains(err.Error(), "workflow execution already completed") {
		if status == models.StatusPending {
			return Conflict("C3", "the request's process has ended; submit a new request")
		}
		return Conflict("C3", fmt.Sprintf("the request is already %s", status))
	}
	return fmt.Errorf("update request: %w", err)
}
