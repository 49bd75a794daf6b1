package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// View is a checkout as its owner reviews it (SPEC G2).
type View struct {
	ID         int64                 `json:"id"`
	Status     models.CheckoutStatus `json:"status"`
	SiteNumber string                `json:"site_number"`
	Currency   string                `json:"currency"`
	Lines      []models.CheckoutLine `json:"lines"`
	Total      models.Money          `json:"total"`
	Billing    *models.Address       `json:"billing"`
	Shipping   *models.Address       `json:"shipping"`
	// ShippingSameAsBilling: the shipping party is the billing one.
	ShippingSameAsBilling bool `json:"shipping_same_as_billing"`
	// Terms is the acceptance recorded (nil: not accepted yet);
	// CurrentTerms is the version to accept.
	Terms        *TermsAccepted `json:"terms"`
	CurrentTerms string         `json:"current_terms_version"`
	// PaymentMethods are the methods offered for the billing country (nil
	// until the billing details are set); Payment is the method chosen.
	PaymentMethods *Methods     `json:"payment_methods"`
	Payment        *PaymentView `json:"payment"`
	ReadyToOrder   bool         `json:"ready_to_order"`
	// Missing are the steps that remain (models.StepDetails, StepTerms,
	// StepPayment; StepQuotes when a quote changed since the start).
	Missing   []string  `json:"missing"`
	OrderRef  string    `json:"order_ref,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TermsAccepted is the acceptance of the terms as the review shows it.
type TermsAccepted struct {
	Version    string    `json:"version"`
	AcceptedAt time.Time `json:"accepted_at"`
	AcceptedBy string    `json:"accepted_by"`
}

// Methods are the payment methods offered for a billing country.
type Methods struct {
	Country string                 `json:"country"`
	Offered []models.PaymentMethod `json:"offered"`
	Default models.PaymentMethod   `json:"default"`
}

// PaymentView is the chosen method: the card's brand, last four digits
// and expiry (never the token), or the purchase order.
type PaymentView struct {
	Method        models.PaymentMethod `json:"method"`
	Card          *CardView            `json:"card,omitempty"`
	PurchaseOrder *PurchaseOrder       `json:"purchase_order,omitempty"`
}

// CardView is what the review shows of a card.
type CardView struct {
	Brand    models.Brand `json:"brand"`
	Last4    string       `json:"last4"`
	ExpMonth int          `json:"exp_month"`
	ExpYear  int          `json:"exp_year"`
}

// PurchaseOrder is a purchase order's number and optional reference.
type PurchaseOrder struct {
	Number    string `json:"number"`
	Reference string `json:"reference"`
}

// Terms is a version of the terms and conditions.
type Terms struct {
	Version     string    `json:"version"`
	Text        string    `json:"text"`
	PublishedAt time.Time `json:"published_at"`
}

// ErrNoTerms: no version of the terms is published.
var ErrNoTerms = errors.New("checkout: no terms are published")

// CurrentTerms is the latest version of the terms published by now.
func CurrentTerms(ctx context.Context, db *gorm.DB, now time.Time) (Terms, error) {
	var t Terms
	err := db.WithContext(ctx).Raw(`SELECT version, text, published_at FROM terms WHERE published_at <= ?
		ORDER BY published_at DESC LIMIT 1`, now).Scan(&t).Error
	if err != nil {
		return t, fmt.Errorf("current terms: %w", err)
	}
	if t.Version == "" {
		return t, ErrNoTerms
	}
	return t, nil
}

// MethodsFor are the payment methods offered for a billing country (SPEC
// G3a), from payment_methods_by_country: the card first where offered.
// A country that is not in the table gets the card only.
func MethodsFor(ctx context.Context, db *gorm.DB, country string) (Methods, error) {
	var rows []struct {
		Method    models.PaymentMethod
		IsDefault bool
	}
	if err := db.WithContext(ctx).Raw(`SELECT method, is_default FROM payment_methods_by_country WHERE country = ?`,
		country).Scan(&rows).Error; err != nil {
		return Methods{}, fmt.Errorf("payment methods of %s: %w", country, err)
	}
	m := Methods{Country: country}
	for _, r := range rows {
		m.Offered = append(m.Offered, r.Method)
		if r.IsDefault {
			m.Default = r.Method
		}
	}
	if len(m.Offered) == 0 {
		m.Offered = []models.PaymentMethod{models.PayCard}
	}
	slices.SortFunc(m.Offered, func(a, b models.PaymentMethod) int {
		switch {
		case a == b:
			return 0
		case a == models.PayCard:
			return -1
		case b == models.PayCard:
			return 1
		}
		return 0
	})
	if m.Default == "" {
		m.Default = models.DefaultMethod(m.Offered)
	}
	return m, nil
}

// Load is the owner's checkout as they review it; ErrNotFound when it is
// not theirs.
func (s *Service) Load(ctx context.Context, o Owner, id int64) (View, error) {
	r, err := load(ctx, s.DB, id, false)
	if err != nil {
		return View{}, err
	}
	if r.SiteID != o.SiteID || r.UserID != o.UserID {
		return View{}, ErrNotFound
	}
	st, err := s.state(ctx, s.DB, r)
	if err != nil {
		return View{}, err
	}
	v := View{ID: r.ID, Status: r.Status, SiteNumber: r.SiteNumber, Currency: r.Currency, Lines: st.lines,
		Total:   models.Money{Minor: r.TotalMinor, Currency: r.Currency},
		Billing: st.billing, Shipping: st.shipping, ShippingSameAsBilling: r.ShippingSameAsBilling,
		CurrentTerms: st.terms.Version, Missing: st.missing, ReadyToOrder: r.Status == models.CheckoutOpen && len(st.missing) == 0,
		OrderRef: deref(r.OrderRef), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.TermsVersion != nil {
		v.Terms = &TermsAccepted{Version: *r.TermsVersion, AcceptedAt: deref(r.TermsAcceptedAt), AcceptedBy: deref(r.TermsAcceptedBy)}
	}
	if st.billing != nil {
		v.PaymentMethods = &st.methods
	}
	switch deref(r.PaymentMethod) {
	case models.PayCard:
		v.Payment = &PaymentView{Method: models.PayCard, Card: &CardView{Brand: deref(r.CardBrand), Last4: deref(r.CardLast4),
			ExpMonth: deref(r.CardExpMonth), ExpYear: deref(r.CardExpYear)}}
	case models.PayPurchaseOrder:
		v.Payment = &PaymentView{Method: models.PayPurchaseOrder,
			PurchaseOrder: &PurchaseOrder{Number: deref(r.PONumber), Reference: deref(r.POReference)}}
	}
	return v, nil
}

// state is what a checkout's view and snapshot derive from its row: the
// lines, the addresses, the current terms, the methods offered for the
// billing country and the steps still missing.
type state struct {
	lines             []models.CheckoutLine
	billing, shipping *models.Address
	terms             Terms
	methods           Methods
	missing           []string
}

func (s *Service) state(ctx context.Context, db *gorm.DB, r row) (state, error) {
	var st state
	var rows []models.CheckoutLineRow
	if err := db.WithContext(ctx).Where("checkout_id = ?", r.ID).Order("line_no").Find(&rows).Error; err != nil {
		return st, fmt.Errorf("checkout %d lines: %w", r.ID, err)
	}
	st.lines = make([]models.CheckoutLine, len(rows))
	for i, l := range rows {
		st.lines[i] = l.Line()
	}
	var err error
	if st.billing, err = address(r.Billing); err != nil {
		return st, err
	}
	if st.shipping, err = address(r.Shipping); err != nil {
		return st, err
	}
	now := s.now()
	if st.terms, err = CurrentTerms(ctx, db, now); err != nil {
		return st, err
	}
	if st.billing != nil {
		if st.methods, err = MethodsFor(ctx, db, st.billing.Country); err != nil {
			return st, err
		}
	}
	var stale int64
	if err := db.WithContext(ctx).Raw(`SELECT count(*) FROM checkout_lines l JOIN quotes q ON q.id = l.quote_id
		WHERE l.checkout_id = ? AND (q.status <> ? OR q.current_version <> l.quote_version OR q.valid_until <= ?)`,
		r.ID, models.QuoteOpen, now).Scan(&stale).Error; err != nil {
		return st, fmt.Errorf("checkout %d quotes: %w", r.ID, err)
	}
	st.missing = []string{}
	if st.billing == nil || st.shipping == nil {
		st.missing = append(st.missing, models.StepDetails)
	}
	if deref(r.TermsVersion) != st.terms.Version {
		st.missing = append(st.missing, models.StepTerms)
	}
	if !paymentReady(r, st, now) {
		st.missing = append(st.missing, models.StepPayment)
	}
	if stale > 0 {
		st.missing = append(st.missing, models.StepQuotes)
	}
	return st, nil
}

// paymentReady: a method is chosen, offered for the billing country, and
// a card has not expired since it was given.
func paymentReady(r row, st state, now time.Time) bool {
	m := deref(r.PaymentMethod)
	if m == "" || st.billing == nil || !slices.Contains(st.methods.Offered, m) {
		return false
	}
	if m == models.PayCard {
		y, mo := deref(r.CardExpYear), deref(r.CardExpMonth)
		now = now.UTC()
		if y < now.Year() || (y == now.Year() && mo < int(now.Month())) {
			return false
		}
	}
	return true
}

func address(j models.JSON) (*models.Address, error) {
	if len(j) == 0 {
		return nil, nil
	}
	var a models.Address
	if err := json.Unmarshal(j, &a); err != nil {
		return nil, fmt.Errorf("decode address: %w", err)
	}
	return &a, nil
}
