package renewals

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// POST /v1/renewals/:quote/verify-contacts (F2): the site's Primary
// Contact confirms its contacts are right; anybody else on the site is
// refused (403). No body.
func (h *Handlers) verifyContacts(c *gin.Context) error {
	if !api.SiteOf(c).IsPrimary {
		p := api.Forbidden("only the site's Primary Contact verifies its contacts")
		p.Rule = "F2"
		return p
	}
	if err := api.NoBody(c); err != nil {
		return err
	}
	r := api.Loaded[renewals.Row](c)
	if err := refuseFinal(r, "verifying the contacts"); err != nil {
		return err
	}
	return h.update(c, r, renewal.UpdateVerifyContacts, renewal.Verification{By: person(c), Allowed: true})
}

// channelBody is the customer's choice of channel (F5).
type channelBody struct {
	Channel string `json:"channel" validate:"required,oneof=online business_partner renewal_rep"`
	Partner string `json:"partner" validate:"omitempty,notblank,singleline,max=200"`
}

// POST /v1/renewals/:quote/channel {channel, partner} (F5): renew online
// (the default), through a Business Partner (partner names it; the
// account's Business Partner when left out) or through the renewal rep.
func (h *Handlers) chooseChannel(c *gin.Context) error {
	var b channelBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	r := api.Loaded[renewals.Row](c)
	if err := refuseFinal(r, "choosing a channel"); err != nil {
		return err
	}
	if r.Status != models.RenewalQuoted && r.Status != models.RenewalAwaitingOrder {
		// Before the quote there is nothing to renew through anyone: the
		// status, not the body, is what is wrong.
		return api.Conflict("F5", fmt.Sprintf("renewal %s is %s: a channel is chosen once the renewal quote is issued", r.Reference(), r.Status))
	}
	ch := models.RenewalChannel(b.Channel)
	partner := strings.TrimSpace(b.Partner)
	switch {
	case ch != models.ChannelBusinessPartner && partner != "":
		return api.Invalid(api.FieldError{Field: "partner", Detail: "names the Business Partner: only with channel business_partner"})
	case ch == models.ChannelBusinessPartner && partner == "":
		if r.BPName == nil {
			return api.Invalid(api.FieldError{Field: "partner", Detail: "is required: the account has no Business Partner on file, name the one you renew through"})
		}
		partner = *r.BPName
	}
	return h.update(c, r, renewal.UpdateChooseChannel, renewal.ChannelChoice{Channel: ch, Partner: partner, By: person(c)})
}

// externalOrderBody is the order placed off-line, as the IBM side
// records it.
type externalOrderBody struct {
	Reference string `json:"reference" validate:"required,notblank,singleline,max=64"`
}

// POST /v1/staff/renewals/:quote/external-order {reference} (F5): ibm-ops
// or the customer's renewal rep records the order placed through the
// Business Partner or the rep.
func (h *Handlers) externalOrder(c *gin.Context) error {
	r, err := h.staffRenewal(c)
	if err != nil {
		return err
	}
	var b externalOrderBody
	if err := api.Bind(c, &b); err != nil {
		return err
	}
	if err := refuseFinal(r, "recording an order"); err != nil {
		return err
	}
	return h.update(c, r, renewal.UpdateExternalOrder, renewal.ExternalOrder{Reference: strings.TrimSpace(b.Reference),
		By: person(c), Allowed: true})
}
