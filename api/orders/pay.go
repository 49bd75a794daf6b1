package orders

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	checkoutapi "github.com/pao/pao/api/checkout"
	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/internal/orders"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// POST /v1/orders/:ref/payment: after a decline, pay with another card or
// by purchase order ({"method","card"} or {"method","purchase_order"}, as
// at checkout): the card is checked and tokenized in this request, the
// method must be offered for the order's billing country, and the order
// starts a new payment attempt with its own idempotency keys. An order
// that is not declined is a 409.
func (h *Handlers) pay(c *gin.Context) error {
	hd := api.Loaded[orders.Head](c)
	v, err := orders.Load(c, h.DB, hd.Reference)
	if err != nil {
		return err
	}
	if v.Status != models.OrderPaymentDeclined {
		return api.Conflict("G5", fmt.Sprintf("order %s is %s: only a declined payment is paid again", v.Reference, v.Status))
	}
	choice, err := checkoutapi.ReadPayment(c, h.Gateway, func(m models.PaymentMethod) error {
		offered, err := checkout.MethodsFor(c, h.DB, v.Billing.Country)
		if err != nil {
			return err
		}
		if !slices.Contains(offered.Offered, m) {
			p := api.Conflict("G3a", fmt.Sprintf("%s is not offered for billing country %s", m, v.Billing.Country))
			p.Errors = []api.FieldError{{Field: "method", Detail: "is not offered for the billing country"}}
			return p
		}
		return nil
	})
	if err != nil {
		return err
	}
	caller := api.Caller(c)
	p := order.Payment{Choice: choice, By: order.Person{ID: caller.ID, Email: caller.Email, Name: caller.Name}}
	if err := h.update(c, hd.Reference, order.UpdatePay, p); err != nil {
		return err
	}
	fresh, err := orders.Load(c, h.DB, hd.Reference)
	if err != nil {
		return err
	}
	return respond(c, http.StatusOK, fresh)
}
