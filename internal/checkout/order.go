package checkout

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/models"
)

// Snapshot reads a checkout for the order process: everything an order
// needs (models.CheckoutSnapshot) and the steps still missing
// (models.StepDetails, StepTerms, StepPayment, StepQuotes; empty when it
// can be ordered). The row is locked FOR UPDATE: call it inside the
// transaction that records the order and then MarkOrdered, so nothing
// changes the checkout in between. ErrNotFound when there is no such
// checkout; a *NotOpenError (errors.Is ErrNotOpen) when it is abandoned
// or already ordered (its OrderRef says as what).
//
// Terms count as missing when the version accepted is no longer the
// current one; payment when the method is not offered for the billing
// country or the card has expired since; quotes when a quote of the
// checkout was revised, expired or closed after the checkout started.
func Snapshot(ctx context.Context, db *gorm.DB, checkoutID int64) (models.CheckoutSnapshot, []string, error) {
	return (&Service{DB: db}).Snapshot(ctx, checkoutID)
}

// Snapshot is the package's Snapshot on the service's clock.
func (s *Service) Snapshot(ctx context.Context, checkoutID int64) (models.CheckoutSnapshot, []string, error) {
	r, err := load(ctx, s.DB, checkoutID, true)
	if err != nil {
		return models.CheckoutSnapshot{}, nil, err
	}
	if r.Status != models.CheckoutOpen {
		return models.CheckoutSnapshot{}, nil, &NotOpenError{ID: r.ID, Status: r.Status, OrderRef: deref(r.OrderRef)}
	}
	st, err := s.state(ctx, s.DB, r)
	if err != nil {
		return models.CheckoutSnapshot{}, nil, err
	}
	snap := models.CheckoutSnapshot{
		ID: r.ID, SiteID: r.SiteID, UserID: r.UserID, Currency: r.Currency, Lines: st.lines,
		Total: models.Money{Minor: r.TotalMinor, Currency: r.Currency},
	}
	if st.billing != nil {
		snap.Billing = *st.billing
	}
	if st.shipping != nil {
		snap.Shipping = *st.shipping
	}
	if r.TermsVersion != nil {
		snap.Terms = models.TermsAcceptance{Version: *r.TermsVersion, AcceptedBy: deref(r.TermsAcceptedBy),
			AcceptedAt: deref(r.TermsAcceptedAt), ClientIP: deref(r.TermsClientIP)}
	}
	switch m := deref(r.PaymentMethod); m {
	case models.PayCard:
		snap.Payment = models.PaymentChoice{Method: m, Card: &models.CardOnFile{Token: deref(r.CardToken), Brand: deref(r.CardBrand),
			Last4: deref(r.CardLast4), ExpMonth: deref(r.CardExpMonth), ExpYear: deref(r.CardExpYear)}}
	case models.PayPurchaseOrder:
		snap.Payment = models.PaymentChoice{Method: m, PONumber: deref(r.PONumber), POReference: deref(r.POReference)}
	}
	return snap, st.missing, nil
}

// orderedAudit is what the audit row of an ordered checkout records.
type orderedAudit struct {
	OrderRef         string   `json:"order_ref"`
	CartLinesRemoved int64    `json:"cart_lines_removed"`
	CartQuotesClosed []string `json:"cart_quotes_removed,omitempty"`
}

// MarkOrdered records that the checkout became order orderRef (the order
// process calls it in the transaction that records the order, after
// Snapshot reported nothing missing): the checkout is ordered, and what it
// bought leaves the owner's cart on the site (the catalog lines of its
// products, the groups of its quotes). Marking it again as the same order
// changes nothing; a checkout abandoned or ordered as another order is a
// *NotOpenError. a is who the audit row names (the buyer, or the process).
func MarkOrdered(ctx context.Context, tx *gorm.DB, a accounts.Actor, checkoutID int64, orderRef string) error {
	if orderRef == "" {
		return fmt.Errorf("mark checkout %d ordered: %w", checkoutID, ErrBadChoice)
	}
	r, err := load(ctx, tx, checkoutID, true)
	if err != nil {
		return err
	}
	if r.Status == models.CheckoutOrdered && deref(r.OrderRef) == orderRef {
		return nil
	}
	if r.Status != models.CheckoutOpen {
		return &NotOpenError{ID: r.ID, Status: r.Status, OrderRef: deref(r.OrderRef)}
	}
	db := tx.WithContext(ctx)
	if err := db.Exec(`UPDATE checkouts SET status = 'ordered', order_ref = ?, updated_at = now() WHERE id = ?`,
		orderRef, r.ID).Error; err != nil {
		return fmt.Errorf("mark checkout %d ordered: %w", r.ID, err)
	}
	res := db.Exec(`DELETE FROM cart_lines l USING carts c WHERE c.id = l.cart_id AND c.site_id = ? AND c.user_id = ?
		AND l.product_id IN (SELECT product_id FROM checkout_lines WHERE checkout_id = ? AND kind = 'catalog')`,
		r.SiteID, r.UserID, r.ID)
	if res.Error != nil {
		return fmt.Errorf("remove the ordered items from the cart: %w", res.Error)
	}
	var quotes []string
	if err := db.Raw(`DELETE FROM cart_quotes q USING carts c WHERE c.id = q.cart_id AND c.site_id = ? AND c.user_id = ?
		AND q.quote_id IN (SELECT quote_id FROM checkout_lines WHERE checkout_id = ? AND kind = 'quote')
		RETURNING (SELECT quote_number FROM quotes WHERE id = q.quote_id)`, r.SiteID, r.UserID, r.ID).Scan(&quotes).Error; err != nil {
		return fmt.Errorf("remove the ordered quotes from the cart: %w", err)
	}
	if res.RowsAffected > 0 || len(quotes) > 0 {
		if err := db.Exec(`UPDATE carts SET updated_at = now() WHERE site_id = ? AND user_id = ?`, r.SiteID, r.UserID).Error; err != nil {
			return fmt.Errorf("touch the cart: %w", err)
		}
	}
	return audit(tx, a, "checkout.ordered", r, nil, orderedAudit{OrderRef: orderRef, CartLinesRemoved: res.RowsAffected, CartQuotesClosed: quotes})
}
