package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// Orders are the activities of the order workflow: opening the order from
// its checkout (OpenOrder), its read model (RecordOrder), the gateway
// calls (orders_payment.go), fulfilment (orders_fulfil.go), its emails
// (order_notices.go) and telling the quotes (SettleQuotes).
type Orders struct{ Deps }

// finalOrderStatuses are never overwritten by a later write (a replayed
// or reset workflow writing an earlier transition again).
var finalOrderStatuses = []string{string(models.OrderCompleted), string(models.OrderCancelled), string(models.OrderRefunded)}

// notReady refuses a checkout that cannot become an order, with every
// reason in the details (the API lists them).
func notReady(reasons ...string) error {
	return temporal.NewNonRetryableApplicationError("the checkout cannot be ordered: "+strings.Join(reasons, "; "), order.ErrNotReady, nil, reasons)
}

// OpenOrder turns the checkout into the order, in one transaction: the
// checkout's snapshot is locked and checked again (ready, the buyer's, on
// the order's site, not ordered yet; each quote still open at the version
// and not in another live order), the order and its lines are written at
// the snapshot's locked prices, the checkout is marked ordered, and an
// audit row records the submission. Idempotent: an order already opened
// under this reference is returned as it is.
func (o *Orders) OpenOrder(ctx context.Context, in order.Input) (order.Opened, error) {
	runID := activity.GetInfo(ctx).WorkflowExecution.RunID
	var opened order.Opened
	err := o.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if opened, err = o.alreadyOpened(tx, in); err == nil || !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		snap, missing, err := checkout.Snapshot(ctx, tx, in.CheckoutID)
		var notOpen *checkout.NotOpenError
		switch {
		case errors.Is(err, checkout.ErrNotFound):
			return notReady("no such checkout")
		case errors.As(err, &notOpen) && notOpen.OrderRef != "":
			return notReady("the checkout was already ordered as " + notOpen.OrderRef)
		case errors.As(err, &notOpen):
			return notReady("the checkout is " + string(notOpen.Status) + ": start a new checkout from the cart")
		case err != nil:
			return fmt.Errorf("load checkout %d: %w", in.CheckoutID, err)
		case snap.SiteID != in.SiteID || snap.UserID != in.Buyer.ID:
			return notReady("no such checkout")
		}
		quotes := quotesOf(snap)
		qr, err := o.quoteReasons(tx, quotes)
		if err != nil {
			return err
		}
		if len(qr) > 0 {
			// The locked quotes say exactly what changed: not the
			// checkout's general "a quote changed" as well.
			missing = slices.DeleteFunc(missing, func(s string) bool { return s == models.StepQuotes })
		}
		reasons := models.CheckoutNotReadyReasons(missing)
		if len(snap.Lines) == 0 {
			reasons = append(reasons, "the checkout has no lines")
		}
		if reasons = append(reasons, qr...); len(reasons) > 0 {
			return notReady(reasons...)
		}
		opened = order.Opened{Total: snap.Total, Payment: snap.Payment, Quotes: quotes}
		if err := o.insertOrder(tx, in, runID, snap, quotes); err != nil {
			return err
		}
		return checkout.MarkOrdered(ctx, tx, accounts.Actor{Email: in.Buyer.Email}, in.CheckoutID, in.Reference)
	})
	if err != nil {
		return order.Opened{}, classify("open order "+in.Reference, err)
	}
	return opened, nil
}

// alreadyOpened returns what an earlier attempt opened under the
// reference (gorm.ErrRecordNotFound: nothing yet).
func (o *Orders) alreadyOpened(tx *gorm.DB, in order.Input) (order.Opened, error) {
	var r struct {
		CheckoutID    int64
		Currency      string
		TotalMinor    int64
		CardToken     *string
		PaymentMethod string
		CardBrand     string
		CardLast4     string
		CardExpMonth  *int
		CardExpYear   *int
		PONumber      string `gorm:"column:po_number"`
		POReference   string `gorm:"column:po_reference"`
	}
	res := tx.Raw(`SELECT o.checkout_id, o.currency, o.total_minor, k.card_token, o.payment_method, o.card_brand, o.card_last4,
		o.card_exp_month, o.card_exp_year, o.po_number, o.po_reference
		FROM orders o JOIN checkouts k ON k.id = o.checkout_id WHERE o.reference = ?`, in.Reference).Scan(&r)
	switch {
	case res.Error != nil:
		return order.Opened{}, fmt.Errorf("find order: %w", res.Error)
	case res.RowsAffected == 0:
		return order.Opened{}, gorm.ErrRecordNotFound
	case r.CheckoutID != in.CheckoutID:
		return order.Opened{}, notReady("the reference belongs to another checkout")
	}
	op := order.Opened{Total: models.Money{Minor: r.TotalMinor, Currency: r.Currency}}
	op.Payment = models.PaymentChoice{Method: models.PaymentMethod(r.PaymentMethod), PONumber: r.PONumber, POReference: r.POReference}
	if op.Payment.Method == models.PayCard && r.CardToken != nil && r.CardExpMonth != nil && r.CardExpYear != nil {
		op.Payment.Card = &models.CardOnFile{Token: *r.CardToken, Brand: models.Brand(r.CardBrand), Last4: r.CardLast4,
			ExpMonth: *r.CardExpMonth, ExpYear: *r.CardExpYear}
	}
	var lines []struct {
		QuoteNumber  string
		QuoteVersion int
	}
	if err := tx.Raw(`SELECT DISTINCT quote_number, quote_version FROM order_lines l JOIN orders o ON o.id = l.order_id
		WHERE o.reference = ? AND l.kind = 'quote' ORDER BY quote_number`, in.Reference).Scan(&lines).Error; err != nil {
		return order.Opened{}, fmt.Errorf("quotes of order: %w", err)
	}
	for _, l := range lines {
		op.Quotes = append(op.Quotes, order.QuoteRef{Number: l.QuoteNumber, Version: l.QuoteVersion})
	}
	return op, nil
}

// quotesOf lists the quotes of the snapshot's lines, once each.
func quotesOf(snap models.CheckoutSnapshot) []order.QuoteRef {
	var out []order.QuoteRef
	seen := map[string]bool{}
	for _, l := range snap.Lines {
		if l.Kind == models.LineQuote && !seen[l.QuoteNumber] {
			seen[l.QuoteNumber] = true
			out = append(out, order.QuoteRef{Number: l.QuoteNumber, Version: l.QuoteVersion})
		}
	}
	return out
}

// quoteReasons locks each quote's row and says why it cannot be ordered:
// not open, revised since the checkout, expired, or in another live order.
func (o *Orders) quoteReasons(tx *gorm.DB, quotes []order.QuoteRef) ([]string, error) {
	var reasons []string
	for _, q := range quotes {
		var row struct {
			Status         string
			CurrentVersion int
			ValidUntil     *time.Time
		}
		res := tx.Raw(`SELECT status, current_version, valid_until FROM quotes WHERE quote_number = ? FOR UPDATE`, q.Number).Scan(&row)
		if res.Error != nil {
			return nil, fmt.Errorf("lock quote %s: %w", q.Number, res.Error)
		}
		switch {
		case res.RowsAffected == 0:
			reasons = append(reasons, "quote "+q.Number+" does not exist")
			continue
		case row.Status != string(models.QuoteOpen):
			reasons = append(reasons, fmt.Sprintf("quote %s is %s", q.Number, row.Status))
			continue
		case row.CurrentVersion != q.Version:
			reasons = append(reasons, fmt.Sprintf("quote %s was revised to version %d: start a new checkout", q.Number, row.CurrentVersion))
			continue
		case row.ValidUntil != nil && !row.ValidUntil.After(o.now()):
			reasons = append(reasons, fmt.Sprintf("quote %s has expired", q.Number))
			continue
		}
		var other []string
		if err := tx.Raw(`SELECT DISTINCT o.reference FROM order_lines l JOIN orders o ON o.id = l.order_id
			WHERE l.quote_number = ? AND o.status NOT IN ('cancelled','refunded')`, q.Number).Scan(&other).Error; err != nil {
			return nil, fmt.Errorf("orders of quote %s: %w", q.Number, err)
		}
		if len(other) > 0 {
			reasons = append(reasons, fmt.Sprintf("quote %s is already ordered in %s", q.Number, strings.Join(other, ", ")))
		}
	}
	return reasons, nil
}

func (o *Orders) insertOrder(tx *gorm.DB, in order.Input, runID string, snap models.CheckoutSnapshot, quotes []order.QuoteRef) error {
	billing, err := json.Marshal(snap.Billing)
	if err != nil {
		return fmt.Errorf("billing: %w", err)
	}
	shipping, err := json.Marshal(snap.Shipping)
	if err != nil {
		return fmt.Errorf("shipping: %w", err)
	}
	numbers := make(pq.StringArray, 0, len(quotes))
	for _, q := range quotes {
		numbers = append(numbers, q.Number)
	}
	p := paymentColumns(snap.Payment)
	var id int64
	err = tx.Raw(`INSERT INTO orders (reference, site_id, customer_id, buyer_id, checkout_id, status, currency, total_minor,
		payment_method, card_brand, card_last4, card_exp_month, card_exp_year, po_number, po_reference,
		billing, shipping, terms_version, quote_numbers, workflow_id, run_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		in.Reference, in.SiteID, in.CustomerID, in.Buyer.ID, in.CheckoutID, snap.Total.Currency, snap.Total.Minor,
		string(snap.Payment.Method), p.brand, p.last4, p.expMonth, p.expYear, p.poNumber, p.poReference,
		string(billing), string(shipping), snap.Terms.Version, numbers, order.WorkflowID(in.Reference), runID, o.now(), o.now(),
	).Scan(&id).Error
	if err != nil {
		return fmt.Errorf("insert order: %w", err)
	}
	for _, l := range snap.Lines {
		if err := tx.Exec(`INSERT INTO order_lines (order_id, line_no, kind, product_id, part_number, description, license_type,
			quantity, unit_minor, currency, discount_bp, line_total_minor, quote_number, quote_version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, l.LineNo, l.Kind, l.ProductID, l.PartNumber, l.Description, l.LicenseType, l.Quantity, l.UnitPrice.Minor,
			l.UnitPrice.Currency, l.DiscountBP, l.LineTotal.Minor, l.QuoteNumber, l.QuoteVersion).Error; err != nil {
			return fmt.Errorf("insert order line %d: %w", l.LineNo, err)
		}
	}
	after, err := json.Marshal(map[string]any{"reference": in.Reference, "checkout_id": in.CheckoutID, "total": snap.Total,
		"payment_method": snap.Payment.Method, "terms_version": snap.Terms.Version, "quotes": numbers})
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return o.audit(tx, in, in.Buyer.Email, "order.submit", after)
}

func (o *Orders) audit(tx *gorm.DB, in order.Input, actor, action string, after []byte) error {
	site, customer := in.SiteID, in.CustomerID
	row := models.AuditEntry{At: o.now(), Actor: actor, Action: action, SiteID: &site, CustomerID: &customer,
		ObjectType: "order", ObjectID: in.Reference, After: models.JSON(after)}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

type paymentCols struct {
	brand, last4, poNumber, poReference string
	expMonth, expYear                   *int
}

func paymentColumns(p models.PaymentChoice) paymentCols {
	var c paymentCols
	if p.Card != nil {
		c.brand, c.last4 = string(p.Card.Brand), p.Card.Last4
		m, y := p.Card.ExpMonth, p.Card.ExpYear
		c.expMonth, c.expYear = &m, &y
	}
	c.poNumber, c.poReference = p.PONumber, p.POReference
	return c
}

// RecordOrder writes the order's row from the workflow state and the
// payment step that led to it (with an audit row), in one transaction.
// Idempotent: the payment step is keyed by its idempotency key; a final
// status is never overwritten by another.
func (o *Orders) RecordOrder(ctx context.Context, rec order.Record) error {
	runID := activity.GetInfo(ctx).WorkflowExecution.RunID
	st := rec.State
	p := paymentColumns(st.Payment)
	err := o.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var id int64
		res := tx.Raw(`UPDATE orders SET status = ?, status_reason = ?, payment_method = ?, payment_attempt = ?,
			card_brand = ?, card_last4 = ?, card_exp_month = ?, card_exp_year = ?, po_number = ?, po_reference = ?,
			run_id = ?, updated_at = ?
			WHERE reference = ? AND (status = ? OR status <> ALL (?)) RETURNING id`,
			string(st.Status), st.Reason, string(st.Payment.Method), st.Attempt, p.brand, p.last4, p.expMonth, p.expYear,
			p.poNumber, p.poReference, runID, o.now(), rec.Input.Reference, string(st.Status), pq.StringArray(finalOrderStatuses)).Scan(&id)
		if res.Error != nil {
			return fmt.Errorf("update order: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // final already, or not opened (nothing to record)
		}
		if ev := rec.Event; ev != nil {
			return o.recordPayment(tx, rec.Input, id, ev)
		}
		return nil
	})
	return classify("record order "+rec.Input.Reference, err)
}

func (o *Orders) recordPayment(tx *gorm.DB, in order.Input, orderID int64, ev *order.PaymentEvent) error {
	outcome := "declined"
	if ev.Succeeded {
		outcome = "succeeded"
	}
	res := tx.Exec(`INSERT INTO order_payments (order_id, attempt, step, idempotency_key, outcome, gateway_id, amount_minor,
		currency, decline_code, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
		orderID, ev.Attempt, ev.Step, ev.Key, outcome, ev.GatewayID, ev.Amount.Minor, ev.Amount.Currency, ev.DeclineCode, ev.Reason, ev.Actor, o.now())
	if res.Error != nil {
		return fmt.Errorf("record payment %s: %w", ev.Key, res.Error)
	}
	if res.RowsAffected == 0 {
		return nil
	}
	after, err := json.Marshal(map[string]any{"attempt": ev.Attempt, "step": ev.Step, "outcome": outcome, "amount": ev.Amount,
		"gateway_id": ev.GatewayID, "decline_code": ev.DeclineCode, "reason": ev.Reason, "idempotency_key": ev.Key})
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return o.audit(tx, in, ev.Actor, "order.payment."+ev.Step, after)
}
