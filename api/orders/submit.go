package orders

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/internal/orders"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// IdempotencyHeader names the header that makes an order submission safe
// to retry.
const IdempotencyHeader = "Idempotency-Key"

// idempotencyKey reads the header: required, 1–200 printable ASCII
// characters (a UUID is typical).
func idempotencyKey(c *gin.Context) (string, error) {
	vals := c.Request.Header.Values(IdempotencyHeader)
	bad := func(detail string) error {
		return api.Invalid(api.FieldError{Field: IdempotencyHeader, Detail: detail})
	}
	switch {
	case len(vals) == 0 || vals[0] == "":
		return "", bad("is required: a unique key per order, sent again unchanged when the request is retried")
	case len(vals) > 1:
		return "", bad("must be sent once")
	case len(vals[0]) > 200:
		return "", bad("must be at most 200 characters")
	}
	for _, r := range vals[0] {
		if r < 0x21 || r > 0x7e {
			return "", bad("must be printable ASCII without spaces")
		}
	}
	return vals[0], nil
}

type submitBody struct {
	CheckoutID int64 `json:"checkout_id" validate:"required,min=1,max=9000000000000000000"`
}

// POST /v1/sites/:site/orders (Idempotency-Key): the caller's checkout on
// the site becomes an order. The first submission answers 201 with the
// order; the same key and body again answers 200 with the same order; the
// same key with another body is 422. A checkout that is not ready is 409
// with every reason.
func (h *Handlers) submit(c *gin.Context) error {
	key, keyErr := idempotencyKey(c)
	var body submitBody
	if err := api.Bind(c, &body); err != nil {
		return err
	}
	if keyErr != nil {
		return keyErr
	}
	site, caller := api.SiteOf(c).Site, api.Caller(c)
	hash := requestHash(site.ID, body.CheckoutID)
	if err := h.ownCheckout(c, site.ID, caller.ID, body.CheckoutID); err != nil {
		return err
	}
	known, err := h.known(c, caller.ID, site.ID, key, hash)
	if err != nil {
		return err
	}
	if !known {
		// A first submission: refuse a checkout that is not ready before
		// anything is allocated or started.
		if err := h.ready(c, body.CheckoutID); err != nil {
			return err
		}
	}
	ref, fresh, err := h.reserve(c, caller.ID, site.ID, key, hash)
	if err != nil {
		return err
	}
	if !fresh {
		if v, err := orders.Load(c, h.DB, ref); err == nil {
			return respond(c, http.StatusOK, v)
		} else if !errors.Is(err, orders.ErrNotFound) {
			return err
		}
	}
	var customerNumber string
	if err := h.DB.WithContext(c).Raw(`SELECT customer_number FROM customers WHERE id = ?`, site.CustomerID).Scan(&customerNumber).Error; err != nil {
		return fmt.Errorf("customer of site %s: %w", site.SiteNumber, err)
	}
	in := order.Input{
		Reference: ref, SiteID: site.ID, SiteNumber: site.SiteNumber, CustomerID: site.CustomerID,
		CustomerNumber: customerNumber, CheckoutID: body.CheckoutID, Timers: h.timers(),
		Buyer: order.Person{ID: caller.ID, Email: caller.Email, Name: caller.Name},
	}
	if accepted, err := h.start(c, in); err != nil || accepted {
		return err
	}
	v, err := orders.Load(c, h.DB, ref)
	if err != nil {
		return fmt.Errorf("load order %s: %w", ref, err)
	}
	status := http.StatusOK
	if fresh {
		status = http.StatusCreated
	}
	return respond(c, status, v)
}

// requestHash is what "the same body" means: the site and the checkout.
func requestHash(siteID, checkoutID int64) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("site=%d;checkout=%d", siteID, checkoutID)))
	return hex.EncodeToString(sum[:])
}

// ownCheckout refuses a checkout that is not the caller's on the site,
// in the words of one that does not exist (404 naming checkout_id): its
// state is none of the caller's business.
func (h *Handlers) ownCheckout(ctx context.Context, siteID, userID, checkoutID int64) error {
	var mine bool
	if err := h.DB.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM checkouts WHERE id = ? AND site_id = ? AND user_id = ?)`,
		checkoutID, siteID, userID).Scan(&mine).Error; err != nil {
		return fmt.Errorf("find checkout %d: %w", checkoutID, err)
	}
	if !mine {
		p := api.NotFound("no such checkout of yours on this site")
		p.Errors = []api.FieldError{{Field: "checkout_id", Detail: "no such checkout of yours on this site"}}
		return p
	}
	return nil
}

// known reports whether the caller already used key; with another body
// it is 422.
func (h *Handlers) known(ctx context.Context, userID, siteID int64, key, hash string) (bool, error) {
	var prior struct {
		SiteID      int64
		RequestHash string
	}
	res := h.DB.WithContext(ctx).Raw(`SELECT site_id, request_hash FROM order_submissions WHERE user_id = ? AND idempotency_key = ?`,
		userID, key).Scan(&prior)
	switch {
	case res.Error != nil:
		return false, fmt.Errorf("find submission: %w", res.Error)
	case res.RowsAffected == 0:
		return false, nil
	case prior.SiteID != siteID || prior.RequestHash != hash:
		return true, keyReused()
	}
	return true, nil
}

func keyReused() error {
	p := api.Unprocessable("G5", "this Idempotency-Key was used for another order request: use a new key for a new order")
	p.Errors = []api.FieldError{{Field: IdempotencyHeader, Detail: "was used with another request body"}}
	return p
}

// ready refuses (409, every reason) a checkout that cannot become an
// order as it stands; the order process checks again under its locks.
func (h *Handlers) ready(ctx context.Context, checkoutID int64) error {
	_, missing, err := checkout.Snapshot(ctx, h.DB, checkoutID)
	var notOpen *checkout.NotOpenError
	switch {
	case errors.As(err, &notOpen) && notOpen.OrderRef != "":
		return notReady([]string{"the checkout was already ordered as " + notOpen.OrderRef})
	case errors.As(err, &notOpen):
		return notReady([]string{"the checkout is " + string(notOpen.Status) + ": start a new checkout from the cart"})
	case err != nil:
		return fmt.Errorf("check checkout %d: %w", checkoutID, err)
	case len(missing) > 0:
		return notReady(models.CheckoutNotReadyReasons(missing))
	}
	return nil
}

// reserve records the submission under the caller's key, allocating the
// order's reference once: fresh when this request made it. The same key
// with another body is 422.
func (h *Handlers) reserve(ctx context.Context, userID, siteID int64, key, hash string) (string, bool, error) {
	db := h.DB.WithContext(ctx)
	var ref string
	res := db.Raw(`INSERT INTO order_submissions (user_id, idempotency_key, site_id, request_hash, reference)
		VALUES (?, ?, ?, ?, 'ORD-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('order_reference_seq')::text, 6, '0'))
		ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING reference`, userID, key, siteID, hash).Scan(&ref)
	if res.Error != nil {
		return "", false, fmt.Errorf("reserve order reference: %w", res.Error)
	}
	if res.RowsAffected == 1 {
		return ref, true, nil
	}
	var prior struct {
		SiteID      int64
		RequestHash string
		Reference   string
	}
	if err := db.Raw(`SELECT site_id, request_hash, reference FROM order_submissions WHERE user_id = ? AND idempotency_key = ?`,
		userID, key).Scan(&prior).Error; err != nil {
		return "", false, fmt.Errorf("find submission: %w", err)
	}
	if prior.SiteID != siteID || prior.RequestHash != hash {
		return "", false, keyReused()
	}
	return prior.Reference, false, nil
}

// start starts (or joins) the order's workflow with the submit update
// (update-with-start): the workflow opens the order and records its first
// row before the update returns, so the API holds no transaction while it
// talks to Temporal. A retried submission joins the running workflow; an
// earlier run that refused the checkout (not ready) may be run again.
func (h *Handlers) start(c *gin.Context, in order.Input) (accepted bool, err error) {
	opts := client.StartWorkflowOptions{
		ID:                       order.WorkflowID(in.Reference),
		TaskQueue:                h.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			temporalx.OrderRef.ValueSet(in.Reference),
			temporalx.SiteNumber.ValueSet(in.SiteNumber),
			temporalx.CustomerNumber.ValueSet(in.CustomerNumber),
			temporalx.ProcessStatus.ValueSet(string(models.OrderSubmitted)),
		),
	}
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	op := h.Temporal.NewWithStartWorkflowOperation(opts, order.WorkflowName, in)
	handle, err := h.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: op,
		UpdateOptions:          client.UpdateWorkflowOptions{UpdateName: order.UpdateSubmit, WaitForStage: client.WorkflowUpdateStageCompleted},
	})
	if err == nil {
		var st order.State
		err = handle.Get(ctx, &st)
	}
	var app *temporal.ApplicationError
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &app) && app.Type() == order.ErrNotReady:
		return false, notReadyProblem(app)
	case errors.As(err, &app) && app.Type() == order.ErrNotRecorded:
		return false, api.Unprocessable("G5", app.Message())
	}
	// The update waits for a worker to open the order: with none, the
	// call times out before the server answers, so the start operation
	// never learns the run it started. Ask for the workflow instead.
	probe, stop := context.WithTimeout(context.WithoutCancel(c), 2*time.Second)
	defer stop()
	if d, derr := h.Temporal.DescribeWorkflowExecution(probe, opts.ID, ""); derr == nil &&
		d.GetWorkflowExecutionInfo().GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING {
		// Started, not yet opened (no worker right now): accepted.
		c.Header("Location", "/v1/orders/"+in.Reference)
		c.JSON(http.StatusAccepted, gin.H{"reference": in.Reference, "status": models.OrderSubmitted,
			"links": gin.H{"self": "/v1/orders/" + in.Reference}})
		return true, nil
	}
	return false, api.TemporalDown(fmt.Errorf("start order %s: %w", in.Reference, err))
}

// notReadyProblem is the 409 of a checkout that cannot become an order,
// with every reason.
func notReadyProblem(app *temporal.ApplicationError) error {
	var reasons []string
	if app.HasDetails() {
		_ = app.Details(&reasons) // no details: the message says it
	}
	if len(reasons) == 0 {
		p := api.Conflict("G1", app.Message())
		return p
	}
	return notReady(reasons)
}

// notReady is the 409 of a checkout that cannot become an order, with
// every reason.
func notReady(reasons []string) error {
	p := api.Conflict("G1", "the checkout cannot be ordered: "+strings.Join(reasons, "; "))
	for _, r := range reasons {
		p.Errors = append(p.Errors, api.FieldError{Field: "checkout_id", Detail: r})
	}
	return p
}

// respondStaff answers an order to the IBM side, with the links it may
// follow: the staff page, and the decisions while a purchase order awaits.
func respondStaff(c *gin.Context, v models.OrderView) error {
	c.JSON(http.StatusOK, orderView{OrderView: v, Links: staffLinks(v)})
	return nil
}

func staffLinks(v models.OrderView) map[string]string {
	self := "/v1/staff/orders/" + v.Reference
	links := map[string]string{"self": self}
	if v.Status == models.OrderAwaitingPO {
		links["confirm"] = self + "/purchase-order/confirm"
		links["reject"] = self + "/purchase-order/reject"
	}
	return links
}

// orderView is an order as the API answers it, with its links.
type orderView struct {
	models.OrderView
	Links map[string]string `json:"links"`
}

func respond(c *gin.Context, status int, v models.OrderView) error {
	self := "/v1/orders/" + v.Reference
	links := map[string]string{"self": self, "confirmation": self + "/confirmation", "confirmation_pdf": self + "/confirmation.pdf"}
	for i, d := range v.Documents {
		links["document_"+strconv.Itoa(i+1)] = "/v1/documents/" + d
	}
	if v.Status == models.OrderPaymentDeclined {
		links["pay"] = self + "/payment"
	}
	if status == http.StatusCreated {
		c.Header("Location", self)
	}
	c.JSON(status, orderView{OrderView: v, Links: links})
	return nil
}
