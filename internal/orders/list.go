package orders

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// Summary is an order in a list (SPEC G7): enough to find it.
type Summary struct {
	Reference    string              `json:"reference"`
	Status       models.OrderStatus  `json:"status"`
	StatusReason string              `json:"status_reason,omitempty"`
	OrderedAt    time.Time           `json:"ordered_at"`
	Buyer        string              `json:"buyer"`
	Total        models.Money        `json:"total"`
	Payment      models.PaymentShown `json:"payment"`
	QuoteNumbers []string            `json:"quote_numbers,omitempty"`
}

// Cursor is where a page of a list starts: after the order (or document)
// created at At with ID.
type Cursor struct {
	At time.Time
	ID int64
}

// List returns up to limit orders of site created since since, newest
// first, after cursor (nil: from the newest), and the cursor of the next
// page (nil: none).
func List(ctx context.Context, db *gorm.DB, siteID int64, since time.Time, after *Cursor, limit int) ([]Summary, *Cursor, error) {
	q := db.WithContext(ctx).Raw(orderSelect+` WHERE o.site_id = ? AND o.created_at >= ?
		AND (?::timestamptz IS NULL OR (o.created_at, o.id) < (?::timestamptz, ?))
		ORDER BY o.created_at DESC, o.id DESC LIMIT ?`,
		siteID, since, cursorAt(after), cursorAt(after), cursorID(after), limit+1)
	var rows []orderRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("list orders: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &Cursor{At: last.CreatedAt, ID: last.ID}
	}
	out := make([]Summary, 0, len(rows))
	for _, r := range rows {
		v, err := r.view()
		if err != nil {
			return nil, nil, err
		}
		out = append(out, Summary{Reference: v.Reference, Status: v.Status, StatusReason: v.StatusReason, OrderedAt: v.OrderedAt,
			Buyer: v.Buyer, Total: v.Total, Payment: v.Payment, QuoteNumbers: v.QuoteNumbers})
	}
	return out, next, nil
}

func cursorAt(c *Cursor) any {
	if c == nil {
		return nil
	}
	return c.At
}

func cursorID(c *Cursor) int64 {
	if c == nil {
		return 0
	}
	return c.ID
}
