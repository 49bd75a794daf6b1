package checkout

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/cart"
	"github.com/pao/pao/models"
)

// startAudit is what the audit row of a started checkout records.
type startAudit struct {
	Lines    int          `json:"lines"`
	Total    models.Money `json:"total"`
	Quotes   []string     `json:"quotes,omitempty"`
	Replaces []int64      `json:"replaces,omitempty"`
}

// Start snapshots the owner's cart into a new open checkout and returns
// its id: catalog items at their prices now, quote groups at the locked
// prices of the quote's current version. A cart that is not ready is
// refused with every reason (*NotReadyError). The owner's previous open
// checkout on the site is abandoned in the same transaction (one open
// checkout per user and site). The cart is left as it is; the order
// removes what it bought (MarkOrdered).
func (s *Service) Start(ctx context.Context, a accounts.Actor, o Owner) (int64, error) {
	var id int64
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The cart's row lock orders concurrent starts of one owner (and
		// holds the cart still while it is read).
		if err := tx.Exec(`SELECT id FROM carts WHERE site_id = ? AND user_id = ? FOR UPDATE`, o.SiteID, o.UserID).Error; err != nil {
			return fmt.Errorf("lock cart: %w", err)
		}
		v, err := (&cart.Service{DB: tx, Now: s.Now}).Load(ctx, o)
		if err != nil {
			return err
		}
		if !v.Readiness.Ready {
			return &NotReadyError{Reasons: v.Readiness.Reasons}
		}
		lines, err := snapshotLines(ctx, tx, v)
		if err != nil {
			return err
		}
		totals := make([]models.Money, len(lines))
		for i, l := range lines {
			totals[i] = models.Money{Minor: l.LineTotalMinor, Currency: l.Currency}
		}
		total, err := models.Sum(v.Currency, totals...)
		if err != nil {
			return fmt.Errorf("checkout total: %w", err)
		}
		if total != v.Total {
			return fmt.Errorf("checkout total %s differs from the cart's %s", total, v.Total)
		}
		var replaced []int64
		if err := tx.Raw(`UPDATE checkouts SET status = 'abandoned', updated_at = now()
			WHERE site_id = ? AND user_id = ? AND status = 'open' RETURNING id`, o.SiteID, o.UserID).Scan(&replaced).Error; err != nil {
			return fmt.Errorf("abandon the previous checkout: %w", err)
		}
		if err := tx.Raw(`INSERT INTO checkouts (site_id, user_id, currency, total_minor) VALUES (?, ?, ?, ?) RETURNING id`,
			o.SiteID, o.UserID, v.Currency, total.Minor).Scan(&id).Error; err != nil {
			return fmt.Errorf("create checkout: %w", err)
		}
		for i := range lines {
			lines[i].CheckoutID = id
		}
		if err := tx.Create(&lines).Error; err != nil {
			return fmt.Errorf("create checkout lines: %w", err)
		}
		r, err := load(ctx, tx, id, false)
		if err != nil {
			return err
		}
		quotes := make([]string, 0, len(v.Quotes))
		for _, g := range v.Quotes {
			quotes = append(quotes, fmt.Sprintf("%s v%d", g.QuoteNumber, g.Version))
		}
		return audit(tx, a, "checkout.started", r, nil, startAudit{Lines: len(lines), Total: total, Quotes: quotes, Replaces: replaced})
	})
	return id, err
}

// snapshotLines turns a ready cart into checkout lines: the catalog items
// first, in the cart's order, then each quote group's lines in the quote's
// order. A quote group's lines are read again from the quote version the
// view showed (versions never change once written), with the product each
// line is for.
func snapshotLines(ctx context.Context, tx *gorm.DB, v cart.View) ([]models.CheckoutLineRow, error) {
	db := tx.WithContext(ctx)
	parts := make([]string, 0, len(v.Items))
	for _, it := range v.Items {
		parts = append(parts, it.PartNumber)
	}
	var products []models.Product
	if len(parts) > 0 {
		if err := db.Where("part_number IN ?", parts).Find(&products).Error; err != nil {
			return nil, fmt.Errorf("products of the cart: %w", err)
		}
	}
	byPart := make(map[string]models.Product, len(products))
	for _, p := range products {
		byPart[p.PartNumber] = p
	}
	var lines []models.CheckoutLineRow
	for _, it := range v.Items {
		p, ok := byPart[it.PartNumber]
		if !ok || it.UnitPrice == nil || it.LineTotal == nil {
			return nil, fmt.Errorf("cart item %s: no product or no price", it.PartNumber)
		}
		lines = append(lines, models.CheckoutLineRow{LineNo: len(lines) + 1, Kind: models.LineCatalog, ProductID: p.ID,
			PartNumber: p.PartNumber, Description: p.Description, LicenseType: string(p.LicenseType), Quantity: it.Quantity,
			UnitMinor: it.UnitPrice.Minor, Currency: it.UnitPrice.Currency, LineTotalMinor: it.LineTotal.Minor})
	}
	for _, g := range v.Quotes {
		var rows []struct {
			models.QuoteLine
			LicenseType string
		}
		if err := db.Raw(`SELECT l.*, p.license_type FROM quote_lines l JOIN quotes q ON q.id = l.quote_id
			JOIN products p ON p.id = l.product_id WHERE q.quote_number = ? AND l.version = ? ORDER BY l.line_no`,
			g.QuoteNumber, g.Version).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("lines of quote %s v%d: %w", g.QuoteNumber, g.Version, err)
		}
		if len(rows) != len(g.Lines) {
			return nil, fmt.Errorf("quote %s v%d has %d lines, the cart showed %d", g.QuoteNumber, g.Version, len(rows), len(g.Lines))
		}
		for _, q := range rows {
			number, version, quoteID := g.QuoteNumber, g.Version, q.QuoteID
			lines = append(lines, models.CheckoutLineRow{LineNo: len(lines) + 1, Kind: models.LineQuote, ProductID: q.ProductID,
				PartNumber: q.PartNumber, Description: q.Description, LicenseType: q.LicenseType, Quantity: q.Quantity,
				UnitMinor: q.UnitMinor, Currency: q.Currency, DiscountBP: q.DiscountBP, LineTotalMinor: q.LineTotalMinor,
				QuoteID: &quoteID, QuoteNumber: &number, QuoteVersion: &version})
		}
	}
	return lines, nil
}
