// Package checkout is the room of the checkout (SPEC G1–G4): everything
// before an order is submitted. A checkout is a snapshot of a user's cart
// on a site (catalog items priced when it starts, quote lines at their
// locked prices), then the billing and shipping details, the acceptance of
// the current terms (who, when, which version, from which address) and
// the payment method (a card on file, kept as the gateway's token, brand,
// last four digits and expiry only; or a purchase order). It is a plain
// edit, not a process: every change runs in one transaction with its audit
// row (H4), and a refused change changes nothing. The order process reads
// a checkout with Snapshot (locked) and marks it ordered with MarkOrdered.
//
// One checkout per user and site is open at a time: starting a new one
// abandons the previous one.
package checkout

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/cart"
	"github.com/pao/pao/models"
)

// Service makes the changes and builds the view.
type Service struct {
	DB *gorm.DB
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Owner is whose checkout: the user on the site (the cart's owner).
type Owner = cart.Owner

// ErrNotFound: no such checkout of the owner on the site (another user's
// or another site's checkout is none of theirs).
var ErrNotFound = errors.New("checkout: no such checkout")

// ErrNotOpen: the checkout is abandoned or ordered (errors.Is matches a
// *NotOpenError).
var ErrNotOpen = errors.New("checkout: not open")

// NotOpenError says the checkout is abandoned or already ordered.
type NotOpenError struct {
	ID       int64
	Status   models.CheckoutStatus
	OrderRef string
}

func (e *NotOpenError) Error() string {
	if e.Status == models.CheckoutOrdered {
		return fmt.Sprintf("checkout %d was ordered as %s", e.ID, e.OrderRef)
	}
	return fmt.Sprintf("checkout %d is %s", e.ID, e.Status)
}

// Is makes errors.Is(err, ErrNotOpen) hold.
func (e *NotOpenError) Is(target error) bool { return target == ErrNotOpen }

// FieldErrors is bad input, every field at fault named.
type FieldErrors []models.CheckoutFieldError

func (e FieldErrors) Error() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.Error()
	}
	return "checkout: " + strings.Join(parts, "; ")
}

// ConflictError is a change the checkout's state refuses (409), naming
// the rule and the field it is about.
type ConflictError struct {
	Rule   string
	Field  string
	Detail string
}

func (e *ConflictError) Error() string { return "checkout: " + e.Field + ": " + e.Detail }

// NotReadyError refuses to start a checkout from a cart that is not ready,
// with every reason (the cart's readiness).
type NotReadyError struct {
	Reasons []cart.Reason
}

func (e *NotReadyError) Error() string {
	codes := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		codes[i] = r.Code
	}
	return "checkout: the cart is not ready: " + strings.Join(codes, ", ")
}

// row is a checkouts row as the service reads it (the client address as
// its host text).
type row struct {
	ID                    int64
	SiteID                int64
	UserID                int64
	CustomerID            int64
	SiteNumber            string
	Status                models.CheckoutStatus
	Currency              string
	TotalMinor            int64
	Billing               models.JSON
	Shipping              models.JSON
	ShippingSameAsBilling bool
	TermsVersion          *string
	TermsAcceptedAt       *time.Time
	TermsAcceptedBy       *string
	TermsClientIP         *string
	PaymentMethod         *models.PaymentMethod
	CardToken             *string
	CardBrand             *models.Brand
	CardLast4             *string
	CardExpMonth          *int
	CardExpYear           *int
	PONumber              *string `gorm:"column:po_number"`
	POReference           *string `gorm:"column:po_reference"`
	OrderRef              *string
	CreatedAt             time.Time
	UpdatedAt             time.Time
}

const selectRow = `SELECT c.id, c.site_id, c.user_id, s.customer_id, s.site_number, c.status, c.currency, c.total_minor,
	c.billing, c.shipping, c.shipping_same_as_billing, c.terms_version, c.terms_accepted_at, c.terms_accepted_by,
	host(c.terms_client_ip) AS terms_client_ip, c.payment_method, c.card_token, c.card_brand, c.card_last4,
	c.card_exp_month, c.card_exp_year, c.po_number, c.po_reference, c.order_ref, c.created_at, c.updated_at
	FROM checkouts c JOIN sites s ON s.id = c.site_id`

// load reads a checkout by id; lock takes its row lock (FOR UPDATE) for
// the transaction db is in. ErrNotFound when there is none.
func load(ctx context.Context, db *gorm.DB, id int64, lock bool) (row, error) {
	q := selectRow + ` WHERE c.id = ?`
	if lock {
		q += ` FOR UPDATE OF c`
	}
	var r row
	if err := db.WithContext(ctx).Raw(q, id).Scan(&r).Error; err != nil {
		return r, fmt.Errorf("load checkout %d: %w", id, err)
	}
	if r.ID == 0 {
		return r, ErrNotFound
	}
	return r, nil
}

// owned loads the owner's checkout, locked; ErrNotFound when it is not
// theirs, a *NotOpenError when it is no longer open.
func owned(ctx context.Context, tx *gorm.DB, o Owner, id int64) (row, error) {
	r, err := load(ctx, tx, id, true)
	if err != nil {
		return r, err
	}
	if r.SiteID != o.SiteID || r.UserID != o.UserID {
		return row{}, ErrNotFound
	}
	if r.Status != models.CheckoutOpen {
		return r, &NotOpenError{ID: r.ID, Status: r.Status, OrderRef: deref(r.OrderRef)}
	}
	return r, nil
}

// audit writes the change's audit row on the checkout's site.
func audit(tx *gorm.DB, a accounts.Actor, action string, r row, before, after any) error {
	site := r.SiteID
	var customer *int64
	if r.CustomerID != 0 {
		c := r.CustomerID
		customer = &c
	}
	return accounts.Audit(tx, a, action, &site, customer, "checkout", strconv.FormatInt(r.ID, 10), before, after)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
