package activities

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/workflows/order"
	"github.com/pao/pao/workflows/policy"
)

// AuthorizePayment holds the order's amount on the card of c.Token under
// c.Key. A decline is a result (the workflow records it); an outage is an
// error Temporal retries with the same key.
func (o *Orders) AuthorizePayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	a, err := o.Gateway.Authorize(ctx, c.Key, c.Token, c.Amount)
	return chargeResult(c, a.ID, err)
}

// CapturePayment takes the authorized amount (c.PaymentID is the
// authorization) under c.Key: a retry after a lost reply returns the
// capture already made, never a second one.
func (o *Orders) CapturePayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	cp, err := o.Gateway.Capture(ctx, c.Key, c.PaymentID, c.Amount)
	return chargeResult(c, cp.ID, err)
}

// VoidPayment releases an authorization that will not be captured.
func (o *Orders) VoidPayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	err := o.Gateway.Void(ctx, c.Key, c.PaymentID)
	return chargeResult(c, c.PaymentID, err)
}

// RefundPayment gives the captured amount back (c.PaymentID is the capture).
func (o *Orders) RefundPayment(ctx context.Context, c order.Charge) (order.ChargeResult, error) {
	r, err := o.Gateway.Refund(ctx, c.Key, c.PaymentID, c.Amount)
	return chargeResult(c, r.ID, err)
}

// chargeResult maps the gateway's answer: a decline is a result; a reused
// key or an unknown payment is permanent; anything else (an outage) is
// retried.
func chargeResult(c order.Charge, id string, err error) (order.ChargeResult, error) {
	var d *payment.Declined
	switch {
	case err == nil:
		return order.ChargeResult{ID: id}, nil
	case errors.As(err, &d):
		return order.ChargeResult{DeclineCode: d.Code, DeclineReason: d.Reason}, nil
	case errors.Is(err, payment.ErrKeyReused):
		return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": "+err.Error(), policy.ErrKeyReused, err)
	case errors.Is(err, payment.ErrNotFound):
		return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": "+err.Error(), policy.ErrNotFound, err)
	case errors.Is(err, payment.ErrAmount), errors.Is(err, payment.ErrState):
		// More than authorized or captured, or a payment in a state that
		// does not allow the step: the same call can never succeed.
		return order.ChargeResult{}, temporal.NewNonRetryableApplicationError(c.Key+": "+err.Error(), policy.ErrInvalidInput, err)
	}
	return order.ChargeResult{}, fmt.Errorf("%s: %w", c.Key, err)
}
