package checkout

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// detailsBody is PUT /v1/checkouts/:checkout/details: the billing party, and
// the shipping party or shipping_same_as_billing: true.
type detailsBody struct {
	Billing               json.RawMessage `json:"billing"`
	Shipping              json.RawMessage `json:"shipping"`
	ShippingSameAsBilling *bool           `json:"shipping_same_as_billing"`
}

// decodeAddress decodes a party strictly and checks it (the service
// checks again), naming every failure at once.
func decodeAddress(prefix string, raw json.RawMessage) (models.Address, []api.FieldError) {
	var a models.Address
	errs := decodeFields(prefix, raw,
		field{"name", &a.Name}, field{"company", &a.Company}, field{"line1", &a.Line1}, field{"line2", &a.Line2},
		field{"city", &a.City}, field{"region", &a.Region}, field{"postal_code", &a.PostalCode},
		field{"country", &a.Country}, field{"email", &a.Email}, field{"phone", &a.Phone})
	if named(errs, prefix) {
		return a, errs
	}
	a = models.NormalizeAddress(a)
	for _, e := range models.CheckAddress(prefix, a) {
		errs = merge(errs, api.FieldError{Field: e.Field, Detail: e.Detail})
	}
	return a, errs
}

// PUT /v1/checkouts/:checkout/details
func (h *Handlers) details(c *gin.Context) error {
	var b detailsBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	var errs []api.FieldError
	var billing models.Address
	if present(b.Billing) {
		var bad []api.FieldError
		billing, bad = decodeAddress("billing", b.Billing)
		errs = append(errs, bad...)
	} else {
		errs = append(errs, api.FieldError{Field: "billing", Detail: "is required"})
	}
	same := b.ShippingSameAsBilling != nil && *b.ShippingSameAsBilling
	var shipping *models.Address
	switch {
	case present(b.Shipping) && same:
		errs = append(errs, api.FieldError{Field: "shipping", Detail: "must be left out when shipping_same_as_billing is true"})
	case present(b.Shipping):
		s, bad := decodeAddress("shipping", b.Shipping)
		errs = append(errs, bad...)
		shipping = &s
	case !same:
		errs = append(errs, api.FieldError{Field: "shipping", Detail: "is required (or set shipping_same_as_billing to true)"})
	}
	if len(errs) > 0 {
		return api.Invalid(errs...)
	}
	id := checkoutID(c)
	if err := h.svc().SetDetails(c, api.Actor(c), owner(c), id, billing, shipping); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK, id)
}

// termsBody is POST /v1/checkouts/:checkout/terms.
type termsBody struct {
	Version   *string `json:"version"`
	Agreement *string `json:"agreement"`
}

// maxVersionLen bounds a terms version (the database's rule).
const maxVersionLen = 32

// POST /v1/checkouts/:checkout/terms: {"version", "agreement": "I agree"}.
func (h *Handlers) terms(c *gin.Context) error {
	var b termsBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	var errs []api.FieldError
	switch v := deref(b.Version); {
	case strings.TrimSpace(v) == "":
		errs = append(errs, api.FieldError{Field: "version", Detail: "is required"})
	case utf8.RuneCountInString(v) > maxVersionLen:
		errs = append(errs, api.FieldError{Field: "version", Detail: "must be at most 32 characters"})
	}
	if deref(b.Agreement) != models.TermsAgreement {
		errs = append(errs, api.FieldError{Field: "agreement", Detail: `must be exactly "` + models.TermsAgreement + `"`})
	}
	if len(errs) > 0 {
		return api.Invalid(errs...)
	}
	id := checkoutID(c)
	if err := h.svc().AcceptTerms(c, api.Actor(c), owner(c), id, *b.Version, *b.Agreement, c.ClientIP()); err != nil {
		return problem(err)
	}
	return h.respond(c, http.StatusOK, id)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
