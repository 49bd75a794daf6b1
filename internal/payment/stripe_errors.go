package payment

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stripe/stripe-go/v82"
)

// stripeError is a failed Stripe call as this package reports it: the
// gateway error it is (ErrUnavailable, ErrKeyReused, ErrNotFound,
// ErrAmount, ErrState, or none for a request Stripe refused for another
// reason) and the client's error, both in the chain. Its text is built
// here from Stripe's status, type, code, request ID and message (with any
// long run of digits masked): never the client's JSON dump of the error.
type stripeError struct {
	op        string
	kind      error
	status    int
	typ       string
	code      string
	msg       string
	requestID string
	cause     error
}

func (e *stripeError) Error() string {
	var b strings.Builder
	b.WriteString("stripe " + e.op)
	if e.kind != nil {
		b.WriteString(": " + e.kind.Error())
	}
	if e.status == 0 { // no answer from Stripe: a transport error
		if e.cause != nil {
			b.WriteString(": " + maskDigits(e.cause.Error()))
		}
		return b.String()
	}
	fmt.Fprintf(&b, " (HTTP %d", e.status)
	for _, s := range []string{e.typ, e.code, e.requestID} {
		if s != "" {
			b.WriteString(", " + s)
		}
	}
	b.WriteString(")")
	if e.msg != "" {
		b.WriteString(": " + e.msg)
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As the gateway error and the cause.
func (e *stripeError) Unwrap() []error {
	var out []error
	if e.kind != nil {
		out = append(out, e.kind)
	}
	if e.cause != nil {
		out = append(out, e.cause)
	}
	return out
}

// stripeErr maps an error of the Stripe client (SPEC G5): a card_error is
// a *Declined with the decline code (else the error code), except
// processing_error, which Stripe asks to retry; an idempotency_error is
// ErrKeyReused; no answer, a 5xx, 429, 409 (a request with the key still
// running) or api_error is ErrUnavailable; resource_missing or 404 is
// ErrNotFound; an unexpected PaymentIntent state is ErrState; an amount
// Stripe refuses is ErrAmount.
func stripeErr(op string, err error) error {
	var se *stripe.Error
	if !errors.As(err, &se) {
		return &stripeError{op: op, kind: ErrUnavailable, cause: err}
	}
	e := &stripeError{
		op: op, status: se.HTTPStatusCode, typ: string(se.Type), code: string(se.Code),
		msg: maskDigits(se.Msg), requestID: se.RequestID, cause: se,
	}
	switch {
	case se.Type == stripe.ErrorTypeCard && se.Code != stripe.ErrorCodeProcessingError:
		code := string(se.DeclineCode)
		if code == "" {
			code = string(se.Code)
		}
		if code == "" {
			code = DeclineGeneric
		}
		reason := e.msg
		if reason == "" {
			reason = "the card was declined"
		}
		return &Declined{Code: code, Reason: reason}
	case se.Type == stripe.ErrorTypeCard:
		e.kind = ErrUnavailable
	case se.Type == stripe.ErrorTypeIdempotency:
		e.kind = ErrKeyReused
	case se.HTTPStatusCode >= 500 || se.HTTPStatusCode == 429 || se.HTTPStatusCode == 409 || se.HTTPStatusCode == 0,
		se.Type == stripe.ErrorTypeAPI, se.Code == stripe.ErrorCodeRateLimit, se.Code == stripe.ErrorCodeIdempotencyKeyInUse:
		e.kind = ErrUnavailable
	case se.Code == stripe.ErrorCodeResourceMissing || se.HTTPStatusCode == 404:
		e.kind = ErrNotFound
	case se.Code == stripe.ErrorCodePaymentIntentUnexpectedState, se.Code == stripe.ErrorCodeChargeAlreadyCaptured:
		e.kind = ErrState
	case se.Code == stripe.ErrorCodeAmountTooLarge, se.Code == stripe.ErrorCodeAmountTooSmall,
		se.Code == stripe.ErrorCodeChargeAlreadyRefunded, se.Code == stripe.ErrorCodeChargeExceedsSourceLimit,
		se.Param == "amount", se.Param == "amount_to_capture":
		e.kind = ErrAmount
	}
	return e
}

// maskDigits replaces every run of digits, spaces and dashes holding six
// digits or more with "[masked]": whatever a message says, no card number
// goes on through it.
func maskDigits(s string) string {
	var b strings.Builder
	run := func(i int) int { // end of the digit/space/dash run at i
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ' ' || s[j] == '-') {
			j++
		}
		return j
	}
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := run(i)
		digits := 0
		for k := i; k < j; k++ {
			if s[k] >= '0' && s[k] <= '9' {
				digits++
			}
		}
		if digits >= 6 {
			// keep the separators that end the run ("… 4242 and" keeps " and")
			end := j
			for end > i && (s[end-1] == ' ' || s[end-1] == '-') {
				end--
			}
			b.WriteString("[masked]")
			b.WriteString(s[end:j])
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}
