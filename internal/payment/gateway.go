// Package payment is the payment gateway (SPEC G3–G5): the interface the
// API (tokenize, at the edge) and the order process (authorize, capture,
// void, refund) use, and its implementations: Sandbox, a processor of its
// own with a ledger in Postgres (the default in development and tests),
// and Stripe, the official client (chosen by configuration).
//
// Card data (number, security code) exists only in a Card value, inside
// the HTTP request that carries it and the Tokenize call; nothing here
// logs it, stores it or puts it in an error. Every mutating call carries
// an idempotency key derived from a business key and step
// (order/<ref>/attempt/<n>/capture): the same key returns the first
// result; the same key with different parameters is ErrKeyReused.
//
// The sandbox's test card numbers (Stripe's own test numbers, so a card
// means the same against either gateway) select outcomes:
//
//	4242424242424242, 5555555555554444, 378282246310005,
//	6011111111111117, 3566002020360505    approved
//	4000000000000002                      declined at Authorize: card_declined
//	4000000000009995                      declined at Authorize: insufficient_funds
//	4000000000009979                      declined at Authorize: stolen_card
//	4000000000000127                      declined at Authorize: incorrect_cvc
//	4000000000000069                      declined at Authorize: expired_card
//	4000000000000119                      Authorize: ErrUnavailable twice per key, then approved
//	4000000000000341                      Capture commits, then ErrUnavailable once per key
//
// Any other card that passes the card rules (models.CheckCard) is approved.
// docs/payment.md has the details.
package payment

import (
	"context"
	"errors"
	"fmt"

	"github.com/pao/pao/models"
)

// Card is what a customer types in. It is never serialised: it has no JSON
// tags on purpose and its String hides everything but the last four digits.
type Card struct {
	Number   string
	ExpMonth int
	ExpYear  int
	CVC      string
}

// String shows the card as it may be logged: brand-less, last four only.
func (c Card) String() string {
	n := len(c.Number)
	if n < 4 {
		return "card ****"
	}
	return "card ****" + c.Number[n-4:]
}

// GoString is String, so %#v cannot print the number either.
func (c Card) GoString() string { return c.String() }

// Token is what remains of a card once the gateway has it (the token the
// gateway charges, brand, last four, expiry): models.CardOnFile.
type Token = models.CardOnFile

// Authorization is a hold of Amount on the card.
type Authorization struct {
	ID     string       `json:"id"`
	Amount models.Money `json:"amount"`
}

// Capture is money taken from an authorization.
type Capture struct {
	ID              string       `json:"id"`
	AuthorizationID string       `json:"authorization_id"`
	Amount          models.Money `json:"amount"`
}

// Refund is money given back from a capture.
type Refund struct {
	ID        string       `json:"id"`
	CaptureID string       `json:"capture_id"`
	Amount    models.Money `json:"amount"`
}

// Gateway is a payment processor. Every method but Tokenize mutates and
// takes an idempotency key; calling it again with the same key and the
// same parameters returns the first result (or the first decline) without
// charging again.
//
// Errors: a *Declined is a final answer about this card and amount (never
// retry it with the same card); ErrUnavailable (wrapped) is an outage the
// caller retries with the same key; ErrKeyReused is a programming error.
type Gateway interface {
	// Tokenize exchanges a card for a token (no money moves). A card the
	// processor refuses outright is a *Declined.
	Tokenize(ctx context.Context, card Card) (Token, error)
	// Authorize holds amount on the card of token.
	Authorize(ctx context.Context, key, token string, amount models.Money) (Authorization, error)
	// Capture takes amount (at most the authorized amount) from an authorization.
	Capture(ctx context.Context, key, authorizationID string, amount models.Money) (Capture, error)
	// Void releases an authorization that was not captured.
	Void(ctx context.Context, key, authorizationID string) error
	// Refund gives amount (at most the captured amount) back.
	Refund(ctx context.Context, key, captureID string, amount models.Money) (Refund, error)
}

// Decline codes: why a processor refused. Reason words are for people.
const (
	DeclineInsufficientFunds = "insufficient_funds"
	DeclineStolenCard        = "stolen_card"
	DeclineIncorrectCVC      = "incorrect_cvc"
	DeclineExpiredCard       = "expired_card"
	DeclineGeneric           = "card_declined"
	// Tokenize's refusals of a card that breaks the card rules (SPEC G3).
	DeclineIncorrectNumber    = "incorrect_number"
	DeclineInvalidExpiryMonth = "invalid_expiry_month"
	DeclineInvalidExpiryYear  = "invalid_expiry_year"
	DeclineInvalidCVC         = "invalid_cvc"
)

// Declined is the processor's final refusal of a card or an amount.
type Declined struct {
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

func (d *Declined) Error() string { return fmt.Sprintf("declined (%s): %s", d.Code, d.Reason) }

// Gateway errors.
var (
	// ErrUnavailable: the processor could not be reached or failed; the
	// outcome is unknown and the call is retried with the same key.
	ErrUnavailable = errors.New("payment processor unavailable")
	// ErrKeyReused: an idempotency key was used again with different
	// parameters. Never retried.
	ErrKeyReused = errors.New("idempotency key reused with different parameters")
	// ErrNotFound: the authorization or capture named does not exist.
	ErrNotFound = errors.New("no such payment")
	// ErrAmount: the amount is not positive, not in the payment's currency,
	// or more than can be captured (the authorized amount) or refunded
	// (the captured amount less earlier refunds). Never retried.
	ErrAmount = errors.New("amount not allowed for this payment")
	// ErrState: the payment is not in a state that allows the call
	// (capturing a voided or already captured authorization, voiding a
	// captured one). Never retried.
	ErrState = errors.New("payment not in a state that allows this")
)
