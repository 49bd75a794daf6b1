package payment

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/pao/pao/models"
)

// Stripe is the gateway over the Stripe API with the official client,
// bound to one secret key and API URL (never the package-level key):
// Tokenize creates a card PaymentMethod from the raw card; Authorize
// creates and confirms a PaymentIntent with manual capture; Capture
// captures it (amount_to_capture); Void cancels it; Refund creates a
// refund of the capture's charge. Every mutating call sends the
// idempotency key as Stripe's Idempotency-Key.
//
// Amounts are models.Money's minor units, which are Stripe's smallest
// currency unit for the product's currencies (JPY has none; Stripe treats
// IDR as two-decimal, as models does). Currencies are sent in lower case.
//
// The client does not retry on its own: the caller (a Temporal activity)
// retries an ErrUnavailable with the same key.
type Stripe struct {
	client *stripe.Client
}

// stripeTimeout bounds one Stripe call when the context has no deadline.
const stripeTimeout = 30 * time.Second

// NewStripe returns the Stripe gateway for secretKey at apiURL (e.g.
// https://api.stripe.com, or a stripe-mock's URL in tests).
func NewStripe(secretKey, apiURL string) (*Stripe, error) {
	if secretKey == "" {
		return nil, errors.New("stripe: a secret key is required")
	}
	if apiURL == "" {
		return nil, errors.New("stripe: an API URL is required")
	}
	backends := stripe.NewBackendsWithConfig(&stripe.BackendConfig{
		HTTPClient:        &http.Client{Timeout: stripeTimeout},
		URL:               stripe.String(apiURL),
		MaxNetworkRetries: stripe.Int64(0),
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
	})
	return &Stripe{client: stripe.NewClient(secretKey, stripe.WithBackends(backends))}, nil
}

// Tokenize checks the card rules (SPEC G3) here, as the sandbox does, and
// creates a card PaymentMethod. The token keeps the brand by the product's
// rules and the last four digits and expiry of the card sent.
func (s *Stripe) Tokenize(ctx context.Context, card Card) (Token, error) {
	brand, digits, err := checkCard(card, time.Now())
	if err != nil {
		return Token{}, err
	}
	pm, err := s.client.V1PaymentMethods.Create(ctx, &stripe.PaymentMethodCreateParams{
		Type: stripe.String(string(stripe.PaymentMethodTypeCard)),
		Card: &stripe.PaymentMethodCreateCardParams{
			Number:   stripe.String(digits),
			ExpMonth: stripe.Int64(int64(card.ExpMonth)),
			ExpYear:  stripe.Int64(int64(card.ExpYear)),
			CVC:      stripe.String(card.CVC),
		},
	})
	if err != nil {
		return Token{}, stripeErr("tokenize", err)
	}
	return Token{Token: pm.ID, Brand: brand, Last4: models.Last4(digits), ExpMonth: card.ExpMonth, ExpYear: card.ExpYear}, nil
}

// Authorize creates and confirms a PaymentIntent for amount with manual
// capture. A PaymentIntent that needs the customer's action (3-D Secure)
// cannot be completed by this backend: it is declined as
// authentication_required.
func (s *Stripe) Authorize(ctx context.Context, key, token string, amount models.Money) (Authorization, error) {
	p := &stripe.PaymentIntentCreateParams{
		Amount:             stripe.Int64(amount.Minor),
		Currency:           stripe.String(strings.ToLower(amount.Currency)),
		PaymentMethod:      stripe.String(token),
		PaymentMethodTypes: []*string{stripe.String("card")},
		CaptureMethod:      stripe.String(string(stripe.PaymentIntentCaptureMethodManual)),
		Confirm:            stripe.Bool(true),
	}
	p.SetIdempotencyKey(key)
	pi, err := s.client.V1PaymentIntents.Create(ctx, p)
	if err != nil {
		return Authorization{}, stripeErr("authorize", err)
	}
	switch pi.Status {
	case stripe.PaymentIntentStatusRequiresAction:
		return Authorization{}, &Declined{Code: "authentication_required", Reason: "the card needs the customer's authentication"}
	case stripe.PaymentIntentStatusCanceled:
		return Authorization{}, &Declined{Code: DeclineGeneric, Reason: "the payment was canceled by the processor"}
	}
	return Authorization{ID: pi.ID, Amount: amount}, nil
}

// Capture captures amount of the PaymentIntent authorizationID. The
// capture's ID is the resulting charge's (the PaymentIntent's when Stripe
// names no charge), which Refund accepts.
func (s *Stripe) Capture(ctx context.Context, key, authorizationID string, amount models.Money) (Capture, error) {
	p := &stripe.PaymentIntentCaptureParams{AmountToCapture: stripe.Int64(amount.Minor)}
	p.SetIdempotencyKey(key)
	pi, err := s.client.V1PaymentIntents.Capture(ctx, authorizationID, p)
	if err != nil {
		return Capture{}, stripeErr("capture", err)
	}
	id := pi.ID
	if pi.LatestCharge != nil && pi.LatestCharge.ID != "" {
		id = pi.LatestCharge.ID
	}
	return Capture{ID: id, AuthorizationID: pi.ID, Amount: amount}, nil
}

// Void cancels the PaymentIntent authorizationID.
func (s *Stripe) Void(ctx context.Context, key, authorizationID string) error {
	p := &stripe.PaymentIntentCancelParams{}
	p.SetIdempotencyKey(key)
	if _, err := s.client.V1PaymentIntents.Cancel(ctx, authorizationID, p); err != nil {
		return stripeErr("void", err)
	}
	return nil
}

// Refund refunds amount of a capture: a charge (ch_…) or a PaymentIntent (pi_…).
func (s *Stripe) Refund(ctx context.Context, key, captureID string, amount models.Money) (Refund, error) {
	p := &stripe.RefundCreateParams{Amount: stripe.Int64(amount.Minor)}
	if strings.HasPrefix(captureID, "pi_") {
		p.PaymentIntent = stripe.String(captureID)
	} else {
		p.Charge = stripe.String(captureID)
	}
	p.SetIdempotencyKey(key)
	r, err := s.client.V1Refunds.Create(ctx, p)
	if err != nil {
		return Refund{}, stripeErr("refund", err)
	}
	return Refund{ID: r.ID, CaptureID: captureID, Amount: amount}, nil
}
