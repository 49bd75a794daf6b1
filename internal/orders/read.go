// Package orders reads the orders' read model (written by the order
// workflow through activities.Orders) for the API, the emails and the
// printable documents: one order as its customer sees it, a site's orders
// of the last days, and the Proofs of Entitlement a site holds. It never
// changes an order: the workflow owns that state.
package orders

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// ErrNotFound: no such order or document.
var ErrNotFound = errors.New("not found")

// Head is what authorization needs about an order: where it belongs.
type Head struct {
	ID         int64
	Reference  string
	SiteID     int64
	CustomerID int64
	BuyerID    int64
}

// HeadOf finds the order with reference (ErrNotFound if none).
func HeadOf(ctx context.Context, db *gorm.DB, reference string) (Head, error) {
	var h Head
	res := db.WithContext(ctx).Raw(`SELECT id, reference, site_id, customer_id, buyer_id FROM orders WHERE reference = ?`, reference).Scan(&h)
	if res.Error != nil {
		return Head{}, fmt.Errorf("find order %s: %w", reference, res.Error)
	}
	if res.RowsAffected == 0 {
		return Head{}, ErrNotFound
	}
	return h, nil
}

type orderRow struct {
	ID             int64
	Reference      string
	Status         string
	StatusReason   string
	SiteNumber     string
	SiteName       string
	CustomerNumber string
	CustomerName   string
	BuyerEmail     string
	BuyerName      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Currency       string
	TotalMinor     int64
	PaymentMethod  string
	CardBrand      string
	CardLast4      string
	CardExpMonth   *int
	CardExpYear    *int
	PONumber       string `gorm:"column:po_number"`
	POReference    string `gorm:"column:po_reference"`
	Billing        []byte
	Shipping       []byte
	TermsVersion   string
	QuoteNumbers   pq.StringArray `gorm:"type:text[]"`
}

const orderSelect = `SELECT o.id, o.reference, o.status, o.status_reason, s.site_number, s.name AS site_name,
	c.customer_number, c.name AS customer_name, u.email AS buyer_email, u.name AS buyer_name,
	o.created_at, o.updated_at, o.currency, o.total_minor, o.payment_method, o.card_brand, o.card_last4,
	o.card_exp_month, o.card_exp_year, o.po_number, o.po_reference, o.billing, o.shipping, o.terms_version, o.quote_numbers
	FROM orders o JOIN sites s ON s.id = o.site_id JOIN customers c ON c.id = o.customer_id JOIN users u ON u.id = o.buyer_id`

// Load reads order reference as its customer sees it, with its lines and
// the documents it issued.
func Load(ctx context.Context, db *gorm.DB, reference string) (models.OrderView, error) {
	db = db.WithContext(ctx)
	var r orderRow
	res := db.Raw(orderSelect+` WHERE o.reference = ?`, reference).Scan(&r)
	if res.Error != nil {
		return models.OrderView{}, fmt.Errorf("load order %s: %w", reference, res.Error)
	}
	if res.RowsAffected == 0 {
		return models.OrderView{}, ErrNotFound
	}
	v, err := r.view()
	if err != nil {
		return models.OrderView{}, err
	}
	if v.Lines, err = lines(db, r.ID); err != nil {
		return models.OrderView{}, err
	}
	if err := db.Raw(`SELECT number FROM documents WHERE order_id = ? ORDER BY id`, r.ID).Scan(&v.Documents).Error; err != nil {
		return models.OrderView{}, fmt.Errorf("documents of order %s: %w", reference, err)
	}
	return v, nil
}

func (r orderRow) view() (models.OrderView, error) {
	v := models.OrderView{
		Reference: r.Reference, Status: models.OrderStatus(r.Status), StatusReason: r.StatusReason,
		SiteNumber: r.SiteNumber, SiteName: r.SiteName, CustomerNumber: r.CustomerNumber, CustomerName: r.CustomerName,
		Buyer: r.BuyerEmail, OrderedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		Total: models.Money{Minor: r.TotalMinor, Currency: r.Currency}, TermsVersion: r.TermsVersion,
		QuoteNumbers: []string(r.QuoteNumbers),
		Payment: models.PaymentShown{Method: models.PaymentMethod(r.PaymentMethod), Brand: models.Brand(r.CardBrand),
			Last4: r.CardLast4, PONumber: r.PONumber, POReference: r.POReference},
	}
	if r.CardExpMonth != nil && r.CardExpYear != nil {
		v.Payment.ExpMonth, v.Payment.ExpYear = *r.CardExpMonth, *r.CardExpYear
	}
	if err := json.Unmarshal(r.Billing, &v.Billing); err != nil {
		return v, fmt.Errorf("order %s billing: %w", r.Reference, err)
	}
	if err := json.Unmarshal(r.Shipping, &v.Shipping); err != nil {
		return v, fmt.Errorf("order %s shipping: %w", r.Reference, err)
	}
	return v, nil
}

// lines reads the lines of order id.
func lines(db *gorm.DB, orderID int64) ([]models.OrderLine, error) {
	var rows []models.OrderLineRow
	if err := db.Raw(`SELECT line_no, kind, product_id, part_number, description, license_type, quantity, unit_minor,
		currency, discount_bp, line_total_minor, quote_number, quote_version, coverage_start, coverage_end
		FROM order_lines WHERE order_id = ? ORDER BY line_no`, orderID).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("lines of order %d: %w", orderID, err)
	}
	out := make([]models.OrderLine, 0, len(rows))
	for _, l := range rows {
		out = append(out, models.OrderLine{
			CheckoutLine: models.CheckoutLine{
				LineNo: l.LineNo, Kind: l.Kind, ProductID: l.ProductID, PartNumber: l.PartNumber, Description: l.Description,
				LicenseType: l.LicenseType, Quantity: l.Quantity, DiscountBP: l.DiscountBP,
				UnitPrice:   models.Money{Minor: l.UnitMinor, Currency: l.Currency},
				LineTotal:   models.Money{Minor: l.LineTotalMinor, Currency: l.Currency},
				QuoteNumber: l.QuoteNumber, QuoteVersion: l.QuoteVersion,
			},
			CoverageStart: utc(l.CoverageStart), CoverageEnd: utc(l.CoverageEnd),
		})
	}
	return out, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
