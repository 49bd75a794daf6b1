package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// OrderKind says what an order bought, from its lines' licence types.
type OrderKind string

// Order kinds: a renewal renews or reinstates S&S on every line
// (ss_renewal, ss_reinstatement); a purchase on none (new licences,
// media); a mixed order does both.
const (
	OrderPurchase OrderKind = "purchase"
	OrderRenewal  OrderKind = "renewal"
	OrderMixed    OrderKind = "mixed"
)

// OrderKinds lists every kind.
var OrderKinds = []OrderKind{OrderPurchase, OrderRenewal, OrderMixed}

// OrderFilter narrows the order history report.
type OrderFilter struct {
	Sites []Site     // the sites covered (at least one)
	From  *time.Time // ordered on or after this date (UTC)
	To    *time.Time // ordered on or before this date (UTC), the whole day
	Kind  OrderKind  // "" any
}

// Order is a row of the order history report.
type Order struct {
	Reference     string               `json:"reference"`
	OrderedAt     time.Time            `json:"ordered_at"`
	SiteNumber    string               `json:"site_number"`
	Status        models.OrderStatus   `json:"status"`
	Kind          OrderKind            `json:"kind"`
	Total         models.Money         `json:"total"`
	PoENumber     *string              `json:"poe_number"` // null until the Proof of Entitlement is issued
	PaymentMethod models.PaymentMethod `json:"payment_method"`
	QuoteNumbers  []string             `json:"quote_numbers"`
}

type orderRow struct {
	ID            int64
	Reference     string
	CreatedAt     time.Time
	SiteNumber    string
	Status        string
	Kind          string
	TotalMinor    int64
	Currency      string
	PoENumber     *string `gorm:"column:poe_number"`
	PaymentMethod string
	QuoteNumbers  pq.StringArray `gorm:"type:text[]"`
}

// renewalTypes are the licence types that renew S&S.
var renewalTypes = []string{string(models.SSRenewal), string(models.SSReinstatement)}

const orderSQL = `SELECT o.id, o.reference, o.created_at, s.site_number, o.status, o.currency, o.total_minor,
	o.payment_method, o.quote_numbers, d.number AS poe_number, k.kind
	FROM orders o
	JOIN sites s ON s.id = o.site_id
	LEFT JOIN documents d ON d.order_id = o.id
	CROSS JOIN LATERAL (SELECT CASE
		WHEN bool_and(l.license_type IN @renewing) THEN 'renewal'
		WHEN bool_or(l.license_type IN @renewing) THEN 'mixed'
		ELSE 'purchase' END AS kind
		FROM order_lines l WHERE l.order_id = o.id) k`

// Orders returns up to limit orders matching f, newest first, after
// cursor (nil: from the newest), and the cursor of the next page (nil:
// none).
func Orders(ctx context.Context, db *gorm.DB, f OrderFilter, after *Cursor, limit int) ([]Order, *Cursor, error) {
	if len(f.Sites) == 0 {
		return nil, nil, fmt.Errorf("order history: no site to report on")
	}
	conds := []string{"o.site_id IN @sites"}
	args := []any{sql.Named("sites", ids(f.Sites)), sql.Named("renewing", renewalTypes), sql.Named("limit", limit+1)}
	if f.From != nil {
		conds = append(conds, "o.created_at >= @from")
		args = append(args, sql.Named("from", f.From.UTC()))
	}
	if f.To != nil {
		conds = append(conds, "o.created_at < @to")
		args = append(args, sql.Named("to", f.To.UTC().AddDate(0, 0, 1)))
	}
	if f.Kind != "" {
		conds = append(conds, "k.kind = @kind")
		args = append(args, sql.Named("kind", string(f.Kind)))
	}
	if after != nil {
		conds = append(conds, "(o.created_at, o.id) < (@after_at, @after_id)")
		args = append(args, sql.Named("after_at", after.At.UTC()), sql.Named("after_id", after.ID))
	}
	var rows []orderRow
	q := orderSQL + " WHERE " + strings.Join(conds, " AND ") + " ORDER BY o.created_at DESC, o.id DESC LIMIT @limit"
	if err := db.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("order history report: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &Cursor{At: last.CreatedAt.UTC(), ID: last.ID}
	}
	out := make([]Order, 0, len(rows))
	for _, r := range rows {
		quotes := []string(r.QuoteNumbers)
		if quotes == nil {
			quotes = []string{}
		}
		out = append(out, Order{
			Reference: r.Reference, OrderedAt: r.CreatedAt.UTC(), SiteNumber: r.SiteNumber,
			Status: models.OrderStatus(r.Status), Kind: OrderKind(r.Kind),
			Total:     models.Money{Minor: r.TotalMinor, Currency: r.Currency},
			PoENumber: r.PoENumber, PaymentMethod: models.PaymentMethod(r.PaymentMethod), QuoteNumbers: quotes,
		})
	}
	return out, next, nil
}
