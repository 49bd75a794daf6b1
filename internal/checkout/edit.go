package checkout

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// Rules the refusals name.
const (
	ruleDetails = "G1"
	ruleTerms   = "G1"
	rulePayment = "G3a"
)

// detailsAudit is what the audit row of a details change records.
type detailsAudit struct {
	Billing               *models.Address `json:"billing"`
	Shipping              *models.Address `json:"shipping"`
	ShippingSameAsBilling bool            `json:"shipping_same_as_billing"`
	PaymentCleared        string          `json:"payment_cleared,omitempty"`
}

// SetDetails sets the billing and shipping parties (SPEC G1); a nil
// shipping means the same as billing. Every field is normalized
// (models.NormalizeAddress) and checked (models.CheckAddress); all the
// failures come back at once as FieldErrors. When the payment method
// chosen is no longer offered for the new billing country, it is cleared.
// Setting what is already there changes nothing (no audit row).
func (s *Service) SetDetails(ctx context.Context, a accounts.Actor, o Owner, id int64, billing models.Address, shipping *models.Address) error {
	billing = models.NormalizeAddress(billing)
	errs := models.CheckAddress("billing", billing)
	same := shipping == nil
	ship := billing
	if !same {
		ship = models.NormalizeAddress(*shipping)
		errs = append(errs, models.CheckAddress("shipping", ship)...)
	}
	if len(errs) > 0 {
		return FieldErrors(errs)
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := owned(ctx, tx, o, id)
		if err != nil {
			return err
		}
		oldBilling, err := address(r.Billing)
		if err != nil {
			return err
		}
		oldShipping, err := address(r.Shipping)
		if err != nil {
			return err
		}
		before := detailsAudit{Billing: oldBilling, Shipping: oldShipping, ShippingSameAsBilling: r.ShippingSameAsBilling}
		after := detailsAudit{Billing: &billing, Shipping: &ship, ShippingSameAsBilling: same}
		if reflect.DeepEqual(before, after) {
			return nil
		}
		b, err := models.ToJSON(billing)
		if err != nil {
			return err
		}
		sh, err := models.ToJSON(ship)
		if err != nil {
			return err
		}
		updates := map[string]any{"billing": b, "shipping": sh, "shipping_same_as_billing": same, "updated_at": gorm.Expr("now()")}
		if m := deref(r.PaymentMethod); m != "" {
			methods, err := MethodsFor(ctx, tx, billing.Country)
			if err != nil {
				return err
			}
			if !slices.Contains(methods.Offered, m) {
				after.PaymentCleared = string(m)
				for k, v := range clearedPayment() {
					updates[k] = v
				}
			}
		}
		if err := tx.Table("checkouts").Where("id = ?", r.ID).Updates(updates).Error; err != nil {
			return fmt.Errorf("set checkout details: %w", err)
		}
		return audit(tx, a, "checkout.details_set", r, before, after)
	})
}

// clearedPayment are the column values of no payment method.
func clearedPayment() map[string]any {
	return map[string]any{"payment_method": nil, "card_token": nil, "card_brand": nil, "card_last4": nil,
		"card_exp_month": nil, "card_exp_year": nil, "po_number": nil, "po_reference": nil}
}

// termsAudit is what the audit row of an acceptance records.
type termsAudit struct {
	Version    string    `json:"version"`
	AcceptedAt time.Time `json:"accepted_at"`
	ClientIP   string    `json:"client_ip,omitempty"`
}

// AcceptTerms records that the owner accepted the terms (SPEC G1): who,
// when, which version and from which client address. agreement must be
// exactly models.TermsAgreement (a FieldErrors naming agreement
// otherwise) and version the current version (a *ConflictError naming
// version otherwise). Accepting the version already accepted changes
// nothing.
func (s *Service) AcceptTerms(ctx context.Context, a accounts.Actor, o Owner, id int64, version, agreement, clientIP string) error {
	if agreement != models.TermsAgreement {
		return FieldErrors{{Field: "agreement", Detail: `must be exactly "` + models.TermsAgreement + `"`}}
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := owned(ctx, tx, o, id)
		if err != nil {
			return err
		}
		now := s.now()
		current, err := CurrentTerms(ctx, tx, now)
		if err != nil {
			return err
		}
		if version != current.Version {
			return &ConflictError{Rule: ruleTerms, Field: "version",
				Detail: "is not the current version of the terms (" + current.Version + "): read GET /v1/terms/current and accept that one"}
		}
		if deref(r.TermsVersion) == version && deref(r.TermsAcceptedBy) == a.Email {
			return nil
		}
		var ip any
		if clientIP != "" {
			ip = clientIP
		}
		if err := tx.Exec(`UPDATE checkouts SET terms_version = ?, terms_accepted_at = ?, terms_accepted_by = ?,
			terms_client_ip = ?::inet, updated_at = now() WHERE id = ?`, version, now, a.Email, ip, r.ID).Error; err != nil {
			return fmt.Errorf("accept terms: %w", err)
		}
		var before any
		if r.TermsVersion != nil {
			before = termsAudit{Version: *r.TermsVersion, AcceptedAt: deref(r.TermsAcceptedAt), ClientIP: deref(r.TermsClientIP)}
		}
		return audit(tx, a, "checkout.terms_accepted", r, before, termsAudit{Version: version, AcceptedAt: now, ClientIP: clientIP})
	})
}

// checkMethod refuses a method the checkout cannot take now: no billing
// details yet, or a method not offered for the billing country (409).
func checkMethod(ctx context.Context, db *gorm.DB, r row, m models.PaymentMethod) error {
	billing, err := address(r.Billing)
	if err != nil {
		return err
	}
	if billing == nil {
		return &ConflictError{Rule: rulePayment, Field: "billing",
			Detail: "set the billing details first: the payment methods offered depend on the billing country"}
	}
	methods, err := MethodsFor(ctx, db, billing.Country)
	if err != nil {
		return err
	}
	if !slices.Contains(methods.Offered, m) {
		return &ConflictError{Rule: rulePayment, Field: "method",
			Detail: fmt.Sprintf("%s is not offered for billing country %s (offered: %v)", m, billing.Country, methods.Offered)}
	}
	return nil
}

// CheckMethod tells, before a card is exchanged for a token, whether the
// owner's checkout can take method m: ErrNotFound, a *NotOpenError or a
// *ConflictError (no billing details yet, or m not offered for the
// billing country). SetPayment checks the same again.
func (s *Service) CheckMethod(ctx context.Context, o Owner, id int64, m models.PaymentMethod) error {
	r, err := load(ctx, s.DB, id, false)
	if err != nil {
		return err
	}
	if r.SiteID != o.SiteID || r.UserID != o.UserID {
		return ErrNotFound
	}
	if r.Status != models.CheckoutOpen {
		return &NotOpenError{ID: r.ID, Status: r.Status, OrderRef: deref(r.OrderRef)}
	}
	return checkMethod(ctx, s.DB, r, m)
}

// paymentAudit is what the audit row of a payment choice records: never
// the token, let alone card data.
type paymentAudit struct {
	Method      models.PaymentMethod `json:"method"`
	Brand       models.Brand         `json:"brand,omitempty"`
	Last4       string               `json:"last4,omitempty"`
	ExpMonth    int                  `json:"exp_month,omitempty"`
	ExpYear     int                  `json:"exp_year,omitempty"`
	PONumber    string               `json:"po_number,omitempty"`
	POReference string               `json:"po_reference,omitempty"`
}

// ErrBadChoice: a payment choice without what its method needs (a
// programming error of the caller, not the customer's input).
var ErrBadChoice = errors.New("checkout: incomplete payment choice")

// SetPayment records the payment method chosen (SPEC G2–G4): a card on
// file (the gateway's token, brand, last four digits and expiry: the
// caller exchanged the card for them) or a purchase order (number and
// reference, checked with models.CheckPurchaseOrder). The method must be
// offered for the billing country.
func (s *Service) SetPayment(ctx context.Context, a accounts.Actor, o Owner, id int64, p models.PaymentChoice) error {
	updates := clearedPayment()
	updates["payment_method"] = string(p.Method)
	after := paymentAudit{Method: p.Method}
	switch p.Method {
	case models.PayCard:
		c := p.Card
		if c == nil || c.Token == "" || len(c.Last4) != 4 || c.Brand == "" {
			return ErrBadChoice
		}
		updates["card_token"], updates["card_brand"], updates["card_last4"] = c.Token, string(c.Brand), c.Last4
		updates["card_exp_month"], updates["card_exp_year"] = c.ExpMonth, c.ExpYear
		after.Brand, after.Last4, after.ExpMonth, after.ExpYear = c.Brand, c.Last4, c.ExpMonth, c.ExpYear
	case models.PayPurchaseOrder:
		if errs := models.CheckPurchaseOrder(p.PONumber, p.POReference); len(errs) > 0 {
			return FieldErrors(errs)
		}
		updates["po_number"], updates["po_reference"] = p.PONumber, p.POReference
		after.PONumber, after.POReference = p.PONumber, p.POReference
	default:
		return ErrBadChoice
	}
	updates["updated_at"] = gorm.Expr("now()")
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := owned(ctx, tx, o, id)
		if err != nil {
			return err
		}
		if err := checkMethod(ctx, tx, r, p.Method); err != nil {
			return err
		}
		if err := tx.Table("checkouts").Where("id = ?", r.ID).Updates(updates).Error; err != nil {
			return fmt.Errorf("set payment: %w", err)
		}
		var before any
		if m := deref(r.PaymentMethod); m != "" {
			before = paymentAudit{Method: m, Brand: deref(r.CardBrand), Last4: deref(r.CardLast4), ExpMonth: deref(r.CardExpMonth),
				ExpYear: deref(r.CardExpYear), PONumber: deref(r.PONumber), POReference: deref(r.POReference)}
		}
		return audit(tx, a, "checkout.payment_set", r, before, after)
	})
}
