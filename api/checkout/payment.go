package checkout

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/models"
)

// paymentBody is PUT /v1/checkouts/:checkout/payment: the method and what it
// needs, a card or a purchase order.
type paymentBody struct {
	Method        *string         `json:"method"`
	Card          json.RawMessage `json:"card"`
	PurchaseOrder json.RawMessage `json:"purchase_order"`
}

// PUT /v1/checkouts/:checkout/payment
//
// The card is checked (models.CheckCard: every failing field at once,
// never quoting the number or the code) and exchanged for a token in this
// request; only the token, brand, last four digits and expiry reach the
// service. A decline is 422 naming card; a processor outage 503.
func (h *Handlers) payment(c *gin.Context) error {
	id := checkoutID(c)
	choice, err := ReadPayment(c, h.Gateway, func(m models.PaymentMethod) error {
		if err := h.svc().CheckMethod(c, owner(c), id, m); err != nil {
			return problem(err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := h.svc().SetPayment(c, api.Actor(c), owner(c), id, choice); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK, id)
}

// ReadPayment reads a payment body ({"method", "card"} or {"method",
// "purchase_order"}) for a checkout, and for an order paying again after
// a decline: every bad field named at once; offered then refuses a method
// the billing country does not offer; a card is exchanged for the
// gateway's token in this request (a decline 422 naming card, an outage
// 503). The choice carries only the token, brand, last four and expiry.
func ReadPayment(c *gin.Context, gw payment.Gateway, offered func(models.PaymentMethod) error) (models.PaymentChoice, error) {
	var b paymentBody
	if err := api.Bind(c, &b); err != nil {
		return models.PaymentChoice{}, err
	}
	var (
		errs   []api.FieldError
		card   payment.Card
		brand  models.Brand
		number string
		ref    string
	)
	method := models.PaymentMethod(deref(b.Method))
	switch {
	case b.Method == nil:
		errs = append(errs, api.FieldError{Field: "method", Detail: "is required"})
	case !method.Valid():
		errs = append(errs, api.FieldError{Field: "method", Detail: "must be one of: card, purchase_order"})
	}
	switch method {
	case models.PayCard:
		if present(b.PurchaseOrder) {
			errs = append(errs, api.FieldError{Field: "purchase_order", Detail: "must be left out when method is card"})
		}
		if !present(b.Card) {
			errs = append(errs, api.FieldError{Field: "card", Detail: "is required when method is card"})
			break
		}
		bad := decodeFields("card", b.Card, field{"number", &card.Number}, field{"exp_month", &card.ExpMonth},
			field{"exp_year", &card.ExpYear}, field{"cvc", &card.CVC})
		if !named(bad, "card") {
			var rules []models.CardFieldError
			brand, rules = models.CheckCard(card.Number, card.ExpMonth, card.ExpYear, card.CVC, time.Now())
			for _, e := range rules {
				bad = merge(bad, api.FieldError{Field: e.Field, Detail: e.Detail})
			}
		}
		errs = append(errs, bad...)
	case models.PayPurchaseOrder:
		if present(b.Card) {
			errs = append(errs, api.FieldError{Field: "card", Detail: "must be left out when method is purchase_order"})
		}
		if !present(b.PurchaseOrder) {
			errs = append(errs, api.FieldError{Field: "purchase_order", Detail: "is required when method is purchase_order"})
			break
		}
		bad := decodeFields("purchase_order", b.PurchaseOrder, field{"number", &number}, field{"reference", &ref})
		if !named(bad, "purchase_order") {
			number, ref = strings.TrimSpace(number), strings.TrimSpace(ref)
			for _, e := range models.CheckPurchaseOrder(number, ref) {
				bad = merge(bad, api.FieldError{Field: e.Field, Detail: e.Detail})
			}
		}
		errs = append(errs, bad...)
	}
	if len(errs) > 0 {
		return models.PaymentChoice{}, api.Invalid(errs...)
	}

	if err := offered(method); err != nil {
		return models.PaymentChoice{}, err
	}
	choice := models.PaymentChoice{Method: method, PONumber: number, POReference: ref}
	if method == models.PayCard {
		onFile, err := tokenize(c, gw, card, brand)
		if err != nil {
			return models.PaymentChoice{}, err
		}
		choice.Card = &onFile
	}
	return choice, nil
}

// tokenize exchanges the card for the gateway's token: a decline is a 422
// naming card, an outage a 503; any other failure is an error whose text
// is scrubbed of the number and the code.
func tokenize(c *gin.Context, gw payment.Gateway, card payment.Card, brand models.Brand) (models.CardOnFile, error) {
	if gw == nil {
		return models.CardOnFile{}, errors.New("checkout: no payment gateway is configured")
	}
	tok, err := gw.Tokenize(c, card)
	var d *payment.Declined
	switch {
	case errors.As(err, &d):
		reason := scrub(d.Reason, card)
		if reason == "" {
			reason = "the card was declined"
		}
		p := api.Unprocessable("G3", "the card was declined: "+reason)
		p.Errors = []api.FieldError{{Field: "card", Detail: reason}}
		return models.CardOnFile{}, p
	case errors.Is(err, payment.ErrUnavailable):
		return models.CardOnFile{}, api.Unavailable("the payment processor is unavailable: try again in a moment (nothing was charged)")
	case err != nil:
		return models.CardOnFile{}, fmt.Errorf("tokenize the card: %w", scrubbed{err, card})
	}
	if tok.Token == "" {
		return models.CardOnFile{}, errors.New("tokenize the card: the gateway returned no token")
	}
	if tok.Brand == "" {
		tok.Brand = brand
	}
	if tok.Last4 == "" {
		tok.Last4 = models.Last4(card.Number)
	}
	if tok.ExpMonth == 0 || tok.ExpYear == 0 {
		tok.ExpMonth, tok.ExpYear = card.ExpMonth, card.ExpYear
	}
	return tok, nil
}

// scrub removes the card's number (as typed and as digits) and security
// code from text meant for a log line or a response.
func scrub(s string, card payment.Card) string {
	digits := strings.ReplaceAll(card.Number, " ", "")
	for _, secret := range []string{card.Number, digits, card.CVC} {
		if len(strings.TrimSpace(secret)) >= 3 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// scrubbed is an error whose text is scrubbed of the card (the error
// itself still unwraps).
type scrubbed struct {
	err  error
	card payment.Card
}

func (e scrubbed) Error() string { return scrub(e.err.Error(), e.card) }
func (e scrubbed) Unwrap() error { return e.err }
