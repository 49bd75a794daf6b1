package cart

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/cart"
)

// quantity parses a quantity given as raw JSON: a whole JSON number from 1
// to 1,000,000 (not a string, not 2.5, not 1e3, not 0, not absent).
func quantity(raw *json.RawMessage) (int64, error) {
	var s string
	if raw != nil {
		s = strings.TrimSpace(string(*raw))
	}
	q, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, api.Invalid(api.FieldError{Field: "quantity", Detail: "must be a whole number from 1 to 1,000,000"})
	}
	if err := svc.CheckQuantity("quantity", q); err != nil {
		return 0, problem(err)
	}
	return q, nil
}

type addItemBody struct {
	PartNumber string           `json:"part_number" validate:"required,notblank,singleline,max=20"`
	Quantity   *json.RawMessage `json:"quantity"`
}

// POST /v1/sites/:site/cart/items: adds a catalog item; a part already in
// the cart gets the quantity added. 201 with the cart.
func (h *Handlers) addItem(c *gin.Context) error {
	var b addItemBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	q, err := quantity(b.Quantity)
	if err != nil {
		return err
	}
	if _, err := h.svc().AddItem(c, api.Actor(c), owner(c), b.PartNumber, q); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusCreated)
}

type patchItemBody struct {
	Quantity *json.RawMessage `json:"quantity"`
	// Note is the change request's note when the line is a quote's.
	Note string `json:"note" validate:"multiline,max=2000"`
}

// PATCH /v1/sites/:site/cart/items/:line: a catalog line's quantity, or a
// change request for a quote line.
func (h *Handlers) patchItem(c *gin.Context) error {
	l, err := parseLine(c)
	if err != nil {
		return err
	}
	var b patchItemBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	q, err := quantity(b.Quantity)
	if err != nil {
		return err
	}
	if l.isQuoteLine {
		return h.changeQuoteLine(c, l.quote, l.part, &q, b.Note)
	}
	if err := h.svc().SetQuantity(c, api.Actor(c), owner(c), l.id, q); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK)
}

// DELETE /v1/sites/:site/cart/items/:line: removes a catalog line, or asks
// for a quote line's removal (a change request).
func (h *Handlers) deleteItem(c *gin.Context) error {
	l, err := parseLine(c)
	if err != nil {
		return err
	}
	if err := api.NoBody(c); err != nil {
		return err
	}
	if l.isQuoteLine {
		return h.changeQuoteLine(c, l.quote, l.part, nil, "")
	}
	if err := h.svc().RemoveItem(c, api.Actor(c), owner(c), l.id); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK)
}
