package access

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

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/accessrequest"
)

// requestBody is a self-nomination (C1): every field is required, and a
// body missing several names them all at once.
type requestBody struct {
	CustomerNumber string `json:"customer_number" validate:"required,digits,min=4,max=10"`
	SiteNumber     string `json:"site_number" validate:"required,digits,min=4,max=10"`
	Name           string `json:"name" validate:"required,notblank,singleline,max=200"`
	Email          string `json:"email" validate:"required,email,max=254"`
	Company        string `json:"company" validate:"required,notblank,singleline,max=200"`
	Phone          string `json:"phone" validate:"required,e164"`
	Reason         string `json:"reason" validate:"required,notblank,multiline,min=3,max=2000"`
}

// supportBody is a support-access request (D2): per account, so without a
// site number.
type supportBody struct {
	CustomerNumber string `json:"customer_number" validate:"required,digits,min=4,max=10"`
	SiteNumber     string `json:"site_number" validate:"isdefault"`
	Name           string `json:"name" validate:"required,notblank,singleline,max=200"`
	Email          string `json:"email" validate:"required,email,max=254"`
	Company        string `json:"company" validate:"required,notblank,singleline,max=200"`
	Phone          string `json:"phone" validate:"required,e164"`
	Reason         string `json:"reason" validate:"required,notblank,multiline,min=3,max=2000"`
}

// POST /v1/nominations (C1, C6)
func (h *Handlers) postNomination(c *gin.Context) error {
	var b requestBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	if err := ownRequest(c, &b); err != nil {
		return err
	}
	var site models.Site
	err := h.DB.WithContext(c).Joins("Customer").
		Where("sites.site_number = ? AND \"Customer\".customer_number = ?", b.SiteNumber, b.CustomerNumber).Take(&site).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return api.Unprocessable("C1", "no site matches this customer number and site number")
	}
	if err != nil {
		return fmt.Errorf("load site: %w", err)
	}
	standing, _, err := svc.SiteStandingByID(c, h.DB, api.Caller(c).ID, site.ID)
	if err != nil {
		return fmt.Errorf("load standing: %w", err)
	}
	if standing.HasAccess {
		return api.Conflict("C6", "you already have access to this site")
	}
	in := accessrequest.Input{
		Kind: models.KindNomination, SiteID: site.ID, SiteNumber: site.SiteNumber,
		CustomerID: site.CustomerID, CustomerNumber: b.CustomerNumber,
	}
	return h.start(c, b, in, accessrequest.NominationID(site.SiteNumber, api.Caller(c).ID))
}

// POST /v1/support-access-requests (D2)
func (h *Handlers) postSupportRequest(c *gin.Context) error {
	var sb supportBody
	if err := api.Bind(c, &sb); err != nil {
		return err
	}
	b := requestBody(sb)
	if err := ownRequest(c, &b); err != nil {
		return err
	}
	u := api.Caller(c)
	// Only people of the account (a user of one of its sites) may ask; to
	// anybody else the account does not exist.
	var cust models.Customer
	err := h.DB.WithContext(c).Where("customer_number = ? AND EXISTS (SELECT 1 FROM site_access a JOIN sites ON sites.id = a.site_id WHERE sites.customer_id = customers.id AND a.user_id = ?)", b.CustomerNumber, u.ID).
		Take(&cust).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return api.Unprocessable("D2", "no account with this customer number that you belong to")
	}
	if err != nil {
		return fmt.Errorf("load account: %w", err)
	}
	standing, _, err := svc.AccountStandingByID(c, h.DB, u.ID, cust.ID)
	if err != nil {
		return fmt.Errorf("load standing: %w", err)
	}
	if standing.Level > models.SupportNone {
		return api.Conflict("D2", fmt.Sprintf("you already have %s support access to this account", standing.Level))
	}
	// D2: the Site Technical Contacts and support administrators decide; an
	// account without any could never answer, so the request is refused now
	// rather than left to expire unseen.
	var deciders int64
	if err := h.DB.WithContext(c).Raw(`SELECT count(*) FROM (
		SELECT c.user_id FROM site_contacts c JOIN sites s ON s.id = c.site_id WHERE s.customer_id = ? AND c.role = 'technical'
		UNION SELECT a.user_id FROM support_access a WHERE a.customer_id = ? AND a.level = ?) d WHERE d.user_id <> ?`,
		cust.ID, cust.ID, models.SupportAdmin, u.ID).Scan(&deciders).Error; err != nil {
		return fmt.Errorf("count support administrators: %w", err)
	}
	if deciders == 0 {
		return api.Unprocessable("D2", "this account has no Site Technical Contact or support administrator to decide a request: ask your Primary Contact to assign one")
	}
	in := accessrequest.Input{Kind: models.KindSupportAccess, CustomerID: cust.ID, CustomerNumber: cust.CustomerNumber}
	return h.start(c, b, in, accessrequest.SupportAccessID(cust.CustomerNumber, u.ID))
}

// ownRequest checks that the email is the caller's own (a user asks for
// themself) and trims the text.
func ownRequest(c *gin.Context, b *requestBody) error {
	email, err := auth.NormalizeEmail(b.Email)
	if err != nil || email != api.Caller(c).Email {
		return api.Invalid(api.FieldError{Field: "email", Detail: "must be your own email address (the one you signed in with)"})
	}
	b.Email = email
	b.Name, b.Company, b.Reason = strings.TrimSpace(b.Name), strings.TrimSpace(b.Company), strings.TrimSpace(b.Reason)
	return nil
}

// start starts the request's workflow with its submit update
// (update-with-start): the workflow writes the pending row and the update
// returns once it is recorded, so the API answers 201 with the recorded
// request without writing it, and without holding a database transaction
// while it talks to Temporal. A second pending request for the same key is
// refused by the workflow ID conflict policy (409).
func (h *Handlers) start(c *gin.Context, b requestBody, in accessrequest.Input, workflowID string) error {
	u := api.Caller(c)
	in.RequestID = uuid.NewString()
	in.RequesterID = u.ID
	in.Requester = accessrequest.Person{Email: u.Email, Name: b.Name, Company: b.Company, Phone: b.Phone}
	in.Reason = b.Reason
	in.Timers = accessrequest.Timers{RemindAfter: h.Timers.RemindAfter, EscalateAfter: h.Timers.EscalateAfter, ExpireAfter: h.Timers.ExpireAfter}
	sa := []temporal.SearchAttributeUpdate{
		temporalx.CustomerNumber.ValueSet(in.CustomerNumber),
		temporalx.ProcessStatus.ValueSet(string(models.StatusPending)),
	}
	if in.SiteNumber != "" {
		sa = append(sa, temporalx.SiteNumber.ValueSet(in.SiteNumber))
	}
	opts := client.StartWorkflowOptions{
		ID:                       workflowID,
		TaskQueue:                h.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		TypedSearchAttributes:    temporal.NewSearchAttributes(sa...),
	}
	started, err := h.submit(c, opts, in)
	var dup *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &dup) {
		retry, werr := h.previousRunFinishing(c, workflowID)
		if werr != nil {
			return werr
		}
		if retry {
			started, err = h.submit(c, opts, in)
		}
	}
	var app *temporal.ApplicationError
	switch {
	case errors.As(err, &dup):
		return api.Conflict("C6", "you already have a pending request for this")
	case errors.As(err, &app) && app.Type() == accessrequest.ErrNotRecorded:
		// The database refused the request for good (its process ended
		// without a row): nothing was recorded.
		return api.Unprocessable("C1", app.Message())
	case err != nil && started:
		// The process runs but no worker recorded the request in time (a
		// worker outage): it is accepted and will be recorded when one is
		// back. Nothing is lost; a retry of the same request is a 409.
		id := uuid.MustParse(in.RequestID)
		v := viewOf(requestRow{AccessRequest: models.AccessRequest{ID: id, Kind: in.Kind, WorkflowID: workflowID,
			CustomerID: in.CustomerID, RequesterID: in.RequesterID, RequesterEmail: u.Email, Name: b.Name,
			Company: b.Company, Phone: b.Phone, Reason: b.Reason, Status: models.StatusPending},
			SiteNumber: in.SiteNumber, CustomerNumber: in.CustomerNumber})
		c.Header("Location", v.Links["self"])
		c.JSON(http.StatusAccepted, v)
		return nil
	case err != nil:
		return api.TemporalDown(fmt.Errorf("start request: %w", err))
	}
	r, err := h.loadRequest(c, uuid.MustParse(in.RequestID))
	if err != nil {
		return err
	}
	c.Header("Location", viewOf(r).Links["self"])
	c.JSON(http.StatusCreated, viewOf(r))
	return nil
}

// submit starts the workflow with the submit update and waits for the
// update's result: the request is recorded. started reports whether the
// workflow is running even if the update did not complete.
func (h *Handlers) submit(ctx context.Context, opts client.StartWorkflowOptions, in accessrequest.Input) (started bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, temporalTimeout)
	defer cancel()
	op := h.Temporal.NewWithStartWorkflowOperation(opts, accessrequest.WorkflowName, in)
	handle, err := h.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: op,
		UpdateOptions: client.UpdateWorkflowOptions{
			UpdateName:   accessrequest.UpdateSubmit,
			WaitForStage: client.WorkflowUpdateStageCompleted,
		},
	})
	if err == nil {
		var st accessrequest.State
		err = handle.Get(ctx, &st)
	}
	if err != nil {
		probe, stop := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer stop()
		run, rerr := op.Get(probe)
		return rerr == nil && run != nil, fmt.Errorf("submit: %w", err)
	}
	return true, nil
}

// previousRunFinishing decides what a start that found a running workflow
// does. A run whose request is still pending in the read model is a
// duplicate (no retry). A run whose outcome is already recorded is only
// queuing its last email: wait briefly for it to close, and retry if it did.
func (h *Handlers) previousRunFinishing(ctx context.Context, workflowID string) (bool, error) {
	var pending int64
	if err := h.DB.WithContext(ctx).Model(&models.AccessRequest{}).
		Where("workflow_id = ? AND status = ?", workflowID, models.StatusPending).Count(&pending).Error; err != nil {
		return false, fmt.Errorf("check pending request: %w", err)
	}
	if pending > 0 {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := h.Temporal.GetWorkflow(ctx, workflowID, "").GetWithOptions(ctx, nil, client.WorkflowRunGetOptions{DisableFollowingRuns: true})
	var ended *temporal.WorkflowExecutionError
	switch {
	case err == nil, errors.As(err, &ended):
		return true, nil // closed: completed, failed, terminated, canceled or timed out
	case ctx.Err() != nil:
		return false, nil // still running after the wait
	}
	return false, fmt.Errorf("await previous run of %s: %w", workflowID, err)
}

// temporalTimeout bounds a request's wait for Temporal: an outage answers
// 503 instead of holding the client (and nothing else: no database
// connection is held meanwhile).
const temporalTimeout = 10 * time.Second
