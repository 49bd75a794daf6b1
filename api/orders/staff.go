package orders

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/orders"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// staffOrder loads :ref for an IBM-side caller: ibm-ops sees every order,
// a sales rep those of the customers they represent; any other order does
// not exist for them (404).
func (h *Handlers) staffOrder(c *gin.Context) (orders.Head, error) {
	hd, err := h.head(c, c.Param("ref"))
	if err != nil {
		return hd, err
	}
	if api.PrincipalOf(c).HasRole(auth.RoleIBMOps) {
		return hd, nil
	}
	var represents bool
	if err := h.DB.WithContext(c).Raw(`SELECT EXISTS (SELECT 1 FROM customers WHERE id = ? AND sales_rep_id = ?)`,
		hd.CustomerID, api.Caller(c).ID).Scan(&represents).Error; err != nil {
		return hd, fmt.Errorf("sales rep of order %s: %w", hd.Reference, err)
	}
	if !represents {
		return hd, noSuch()
	}
	return hd, nil
}

// GET /v1/staff/orders/:ref: the order, for ibm-ops or its sales rep.
func (h *Handlers) staffGet(c *gin.Context) error {
	hd, err := h.staffOrder(c)
	if err != nil {
		return err
	}
	v, err := orders.Load(c, h.DB, hd.Reference)
	if err != nil {
		return err
	}
	return respondStaff(c, v)
}

// GET /v1/staff/orders?status=: orders awaiting the IBM side (purchase
// orders to confirm, by default), oldest first: every customer's for
// ibm-ops, a sales rep's own customers' otherwise.
func (h *Handlers) staffQueue(c *gin.Context) error {
	status := c.DefaultQuery("status", string(models.OrderAwaitingPO))
	if !slices.Contains(orderStatuses, models.OrderStatus(status)) {
		return api.Invalid(api.FieldError{Field: "status", Detail: "must be one of " + joinStatuses()})
	}
	limit, err := api.IntQuery(c, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	q := h.DB.WithContext(c).Table("orders o").Joins("JOIN customers c ON c.id = o.customer_id").
		Where("o.status = ?", status).Order("o.created_at, o.id").Limit(limit)
	if !api.PrincipalOf(c).HasRole(auth.RoleIBMOps) {
		q = q.Where("c.sales_rep_id = ?", api.Caller(c).ID)
	}
	var refs []string
	if err := q.Pluck("o.reference", &refs).Error; err != nil {
		return fmt.Errorf("staff orders: %w", err)
	}
	out := make([]orderView, 0, len(refs))
	for _, ref := range refs {
		v, err := orders.Load(c, h.DB, ref)
		if err != nil {
			return err
		}
		out = append(out, orderView{OrderView: v, Links: staffLinks(v)})
	}
	c.JSON(http.StatusOK, gin.H{"orders": out})
	return nil
}

var orderStatuses = []models.OrderStatus{models.OrderSubmitted, models.OrderPaymentDeclined, models.OrderAwaitingPO,
	models.OrderPaid, models.OrderFulfilled, models.OrderCompleted, models.OrderCancelled, models.OrderRefunded}

func joinStatuses() string {
	s := make([]string, len(orderStatuses))
	for i, st := range orderStatuses {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

type decisionBody struct {
	Reason string `json:"reason" validate:"omitempty,max=500,multiline"`
}

// POST /v1/staff/orders/:ref/purchase-order/confirm {reason?}
func (h *Handlers) confirmPO(c *gin.Context) error { return h.decide(c, order.UpdateConfirmPO, false) }

// POST /v1/staff/orders/:ref/purchase-order/reject {reason}: the customer
// is told the reason.
func (h *Handlers) rejectPO(c *gin.Context) error { return h.decide(c, order.UpdateRejectPO, true) }

func (h *Handlers) decide(c *gin.Context, update string, needReason bool) error {
	hd, err := h.staffOrder(c)
	if err != nil {
		return err
	}
	var body decisionBody
	if err := api.Bind(c, &body); err != nil {
		return err
	}
	body.Reason = strings.TrimSpace(body.Reason)
	if needReason && body.Reason == "" {
		return api.Invalid(api.FieldError{Field: "reason", Detail: "is required: the customer is told why"})
	}
	caller := api.Caller(c)
	d := order.Decision{By: order.Person{ID: caller.ID, Email: caller.Email, Name: caller.Name}, Allowed: true, Reason: body.Reason}
	if err := h.update(c, hd.Reference, update, d); err != nil {
		return err
	}
	v, err := orders.Load(c, h.DB, hd.Reference)
	if err != nil {
		return err
	}
	return respondStaff(c, v)
}

// update sends an update to the order's workflow; refusals map to
// 400/403/409/422 naming the rule or field.
func (h *Handlers) update(c *gin.Context, ref, name string, arg any) error {
	ctx, cancel := context.WithTimeout(c, temporalTimeout)
	defer cancel()
	handle, err := h.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: order.WorkflowID(ref), UpdateName: name, Args: []any{arg},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		var st order.State
		err = handle.Get(ctx, &st)
	}
	if err == nil {
		return nil
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		switch app.Type() {
		case order.ErrNotAllowed:
			return api.Forbidden(app.Message())
		case order.ErrWrongStatus:
			return api.Conflict("G5", app.Message())
		case order.ErrInvalid:
			var field string
			if app.HasDetails() && app.Details(&field) == nil && field != "" {
				return api.Invalid(api.FieldError{Field: field, Detail: strings.TrimPrefix(app.Message(), field+": ")})
			}
			return api.Unprocessable("G5", app.Message())
		case order.ErrNotRecorded:
			return api.Unprocessable("G5", app.Message())
		}
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		v, lerr := orders.Load(c, h.DB, ref)
		if lerr != nil {
			return lerr
		}
		return api.Conflict("G5", fmt.Sprintf("order %s is %s: its process has ended", ref, v.Status))
	}
	return api.TemporalDown(fmt.Errorf("update order %s: %w", ref, err))
}
