// Package cart is the room of the saved cart (SPEC E3): one cart per user
// per site, with catalog lines and quote groups. It is a plain edit, not a
// process: every change runs in one transaction with its audit row (H4),
// and a refused change changes nothing. A quote group is a reference to a
// quote and the version current when it was added; its lines and locked
// prices are read from the quote at view time, so the group follows a
// revision. Editing a quote line is a change request on the quote's
// workflow (E4), which the API files; this package only finds the line
// and audits the request.
package cart

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// ErrNotFound: no such line (or group) in the caller's cart on this site.
var ErrNotFound = errors.New("cart: no such line")

// ErrNoQuote: no quote with that number on the site (another site's quote
// is no quote of this one).
var ErrNoQuote = errors.New("cart: no such quote on this site")

// FieldError is bad input, naming the field.
type FieldError struct {
	Field  string
	Detail string
}

func (e *FieldError) Error() string { return "cart: " + e.Field + ": " + e.Detail }

func bad(field, format string, args ...any) error {
	return &FieldError{Field: field, Detail: fmt.Sprintf(format, args...)}
}

// refuse is a broken rule, answered like the accounts service's refusals.
func refuse(k accounts.RuleKind, format string, args ...any) error {
	return &accounts.RuleError{Kind: k, Rule: "E3", Detail: fmt.Sprintf(format, args...)}
}

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

// Owner is whose cart: the user on the site.
type Owner struct {
	SiteID int64
	UserID int64
}

// ensure returns the owner's cart, creating it, locked for the change.
func ensure(tx *gorm.DB, o Owner) (models.Cart, error) {
	var c models.Cart
	if err := tx.Exec(`INSERT INTO carts (site_id, user_id) VALUES (?, ?) ON CONFLICT (site_id, user_id) DO NOTHING`,
		o.SiteID, o.UserID).Error; err != nil {
		return c, fmt.Errorf("create cart: %w", err)
	}
	if err := tx.Raw(`SELECT * FROM carts WHERE site_id = ? AND user_id = ? FOR UPDATE`, o.SiteID, o.UserID).Scan(&c).Error; err != nil {
		return c, fmt.Errorf("lock cart: %w", err)
	}
	return c, nil
}

// touch marks the cart changed.
func touch(tx *gorm.DB, c models.Cart) error {
	return tx.Exec(`UPDATE carts SET updated_at = now() WHERE id = ?`, c.ID).Error
}

func audit(tx *gorm.DB, a accounts.Actor, action string, c models.Cart, objID string, before, after any) error {
	site := c.SiteID
	return accounts.Audit(tx, a, action, &site, nil, "cart", objID, before, after)
}

// CheckQuantity refuses a quantity outside 1..1,000,000, naming field.
func CheckQuantity(field string, q int64) error {
	if models.CheckQuantity(field, q) != nil {
		return bad(field, "must be a whole number from 1 to 1,000,000")
	}
	return nil
}

type lineAudit struct {
	PartNumber string `json:"part_number"`
	Quantity   int64  `json:"quantity"`
}

// AddItem adds quantity of the product partNumber to the owner's cart; a
// part already there gets the quantity added (the sum may not pass
// 1,000,000). It returns the line's id.
func (s *Service) AddItem(ctx context.Context, a accounts.Actor, o Owner, partNumber string, quantity int64) (int64, error) {
	part := strings.ToUpper(strings.TrimSpace(partNumber))
	if err := CheckQuantity("quantity", quantity); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p models.Product
		err := tx.Where("part_number = ?", part).Take(&p).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return bad("part_number", "no product with part number %q", partNumber)
		} else if err != nil {
			return fmt.Errorf("find product: %w", err)
		}
		c, err := ensure(tx, o)
		if err != nil {
			return err
		}
		var l models.CartLine
		err = tx.Where("cart_id = ? AND product_id = ?", c.ID, p.ID).Take(&l).Error
		switch {
		case err == nil:
			before := lineAudit{part, l.Quantity}
			if l.Quantity+quantity > models.MaxQuoteQuantity {
				return bad("quantity", "%s already has %d in the cart: at most %d more can be added", part, l.Quantity, models.MaxQuoteQuantity-l.Quantity)
			}
			l.Quantity += quantity
			if err := tx.Model(&l).Updates(map[string]any{"quantity": l.Quantity, "updated_at": gorm.Expr("now()")}).Error; err != nil {
				return fmt.Errorf("update line: %w", err)
			}
			id = l.ID
			if err := audit(tx, a, "cart.item_added", c, strconv.FormatInt(l.ID, 10), before, lineAudit{part, l.Quantity}); err != nil {
				return err
			}
		case errors.Is(err, gorm.ErrRecordNotFound):
			currency, level, err := catalog.SitePricing(ctx, tx, o.SiteID)
			if err != nil {
				return err
			}
			prices, err := catalog.Prices(ctx, tx, currency, level, []int64{p.ID})
			if err != nil {
				return err
			}
			l = models.CartLine{CartID: c.ID, ProductID: p.ID, Quantity: quantity, AddedCurrency: currency}
			if m, ok := prices[p.ID]; ok {
				l.AddedUnitMinor = &m.Minor
			}
			if err := tx.Omit("CreatedAt", "UpdatedAt").Create(&l).Error; err != nil {
				return fmt.Errorf("add line: %w", err)
			}
			id = l.ID
			if err := audit(tx, a, "cart.item_added", c, strconv.FormatInt(l.ID, 10), nil, lineAudit{part, quantity}); err != nil {
				return err
			}
		default:
			return fmt.Errorf("find line: %w", err)
		}
		return touch(tx, c)
	})
	return id, err
}

// line loads a catalog line of the owner's cart, locked; ErrNotFound when
// it is not theirs.
func line(tx *gorm.DB, o Owner, lineID int64) (models.Cart, models.CartLine, string, error) {
	var row struct {
		models.CartLine
		PartNumber string
	}
	err := tx.Raw(`SELECT l.*, p.part_number FROM cart_lines l JOIN carts c ON c.id = l.cart_id JOIN products p ON p.id = l.product_id
		WHERE l.id = ? AND c.site_id = ? AND c.user_id = ? FOR UPDATE OF l`, lineID, o.SiteID, o.UserID).Scan(&row).Error
	if err != nil {
		return models.Cart{}, models.CartLine{}, "", fmt.Errorf("find line: %w", err)
	}
	if row.ID == 0 {
		return models.Cart{}, models.CartLine{}, "", ErrNotFound
	}
	c, err := ensure(tx, o)
	return c, row.CartLine, row.PartNumber, err
}

// SetQuantity sets the quantity of a catalog line.
func (s *Service) SetQuantity(ctx context.Context, a accounts.Actor, o Owner, lineID, quantity int64) error {
	if err := CheckQuantity("quantity", quantity); err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, l, part, err := line(tx, o, lineID)
		if err != nil {
			return err
		}
		if l.Quantity == quantity {
			return nil // nothing changes: no audit row
		}
		if err := tx.Model(&l).Updates(map[string]any{"quantity": quantity, "updated_at": gorm.Expr("now()")}).Error; err != nil {
			return fmt.Errorf("update line: %w", err)
		}
		if err := audit(tx, a, "cart.item_quantity_changed", c, strconv.FormatInt(l.ID, 10), lineAudit{part, l.Quantity}, lineAudit{part, quantity}); err != nil {
			return err
		}
		return touch(tx, c)
	})
}

// RemoveItem removes a catalog line.
func (s *Service) RemoveItem(ctx context.Context, a accounts.Actor, o Owner, lineID int64) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, l, part, err := line(tx, o, lineID)
		if err != nil {
			return err
		}
		if err := tx.Delete(&models.CartLine{}, l.ID).Error; err != nil {
			return fmt.Errorf("remove line: %w", err)
		}
		if err := audit(tx, a, "cart.item_removed", c, strconv.FormatInt(l.ID, 10), lineAudit{part, l.Quantity}, nil); err != nil {
			return err
		}
		return touch(tx, c)
	})
}

// Empty removes every line and quote group (the quotes are untouched).
func (s *Service) Empty(ctx context.Context, a accounts.Actor, o Owner) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := ensure(tx, o)
		if err != nil {
			return err
		}
		var before struct {
			Lines  int64 `json:"lines"`
			Quotes int64 `json:"quotes"`
		}
		if err := tx.Raw(`SELECT (SELECT count(*) FROM cart_lines WHERE cart_id = ?) AS lines,
			(SELECT count(*) FROM cart_quotes WHERE cart_id = ?) AS quotes`, c.ID, c.ID).Scan(&before).Error; err != nil {
			return fmt.Errorf("count cart: %w", err)
		}
		if before.Lines == 0 && before.Quotes == 0 {
			return nil
		}
		if err := tx.Exec(`DELETE FROM cart_lines WHERE cart_id = ?`, c.ID).Error; err != nil {
			return fmt.Errorf("empty lines: %w", err)
		}
		if err := tx.Exec(`DELETE FROM cart_quotes WHERE cart_id = ?`, c.ID).Error; err != nil {
			return fmt.Errorf("empty quotes: %w", err)
		}
		if err := audit(tx, a, "cart.emptied", c, strconv.FormatInt(c.ID, 10), before, nil); err != nil {
			return err
		}
		return touch(tx, c)
	})
}

// AddQuote adds an open quote of the owner's site as one group, pinned to
// its current version. A quote of another site, or none, is a bad
// quote_number; a quote that is not open, or already in the cart, 409.
func (s *Service) AddQuote(ctx context.Context, a accounts.Actor, o Owner, quoteNumber string) error {
	number := strings.ToUpper(strings.TrimSpace(quoteNumber))
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var q models.Quote
		err := tx.Where("quote_number = ? AND site_id = ?", number, o.SiteID).Take(&q).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("quote %q: %w", quoteNumber, ErrNoQuote)
		} else if err != nil {
			return fmt.Errorf("find quote: %w", err)
		}
		expired := q.Status == models.QuoteExpired || (q.ValidUntil != nil && !q.ValidUntil.After(s.now()))
		if expired && q.Kind == models.QuoteRenewal {
			// F2: the S&S it renewed has lapsed; say what renews it now.
			var renewed []string
			if err := tx.Raw(`SELECT description FROM quote_lines WHERE quote_id = ? AND version = ?`, q.ID, q.CurrentVersion).
				Scan(&renewed).Error; err != nil {
				return fmt.Errorf("lines of quote %s: %w", q.QuoteNumber, err)
			}
			parts, err := catalog.ReinstatementParts(ctx, tx, renewed)
			if err != nil {
				return err
			}
			hint := "ask your renewal rep how to reinstate it"
			if len(parts) > 0 {
				hint = "order the S&S reinstatement parts from the catalog instead: " + strings.Join(parts, ", ")
			}
			return refuse(accounts.Conflict, "renewal quote %s has expired and the S&S it renewed has lapsed: %s", q.QuoteNumber, hint)
		}
		if q.Status != models.QuoteOpen {
			return refuse(accounts.Conflict, "quote %s is %s: only an open quote can be added to the cart", q.QuoteNumber, q.Status)
		}
		if expired {
			return refuse(accounts.Conflict, "quote %s expired on %s: only an open quote can be added to the cart", q.QuoteNumber, q.ValidUntil.UTC().Format(time.DateOnly))
		}
		c, err := ensure(tx, o)
		if err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&models.CartQuote{}).Where("cart_id = ? AND quote_id = ?", c.ID, q.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("find quote in cart: %w", err)
		}
		if n > 0 {
			return refuse(accounts.Conflict, "quote %s is already in the cart", q.QuoteNumber)
		}
		cq := models.CartQuote{CartID: c.ID, QuoteID: q.ID, AddedVersion: q.CurrentVersion}
		if err := tx.Omit("CreatedAt").Create(&cq).Error; err != nil {
			return fmt.Errorf("add quote: %w", err)
		}
		if err := audit(tx, a, "cart.quote_added", c, q.QuoteNumber, nil, map[string]any{"quote_number": q.QuoteNumber, "version": q.CurrentVersion}); err != nil {
			return err
		}
		return touch(tx, c)
	})
}

// QuoteLineRef is a line of a quote group as a change request needs it.
type QuoteLineRef struct {
	QuoteNumber string
	WorkflowID  string
	Status      models.QuoteStatus
	Version     int
	PartNumber  string
	Quantity    int64
}

// SplitQuoteLine parses a quote line's id, "<quote number>:<part number>".
func SplitQuoteLine(id string) (quoteNumber, part string, ok bool) {
	quoteNumber, part, ok = strings.Cut(id, ":")
	return quoteNumber, part, ok && quoteNumber != "" && part != ""
}

// QuoteLine finds a line of the current version of a quote in the owner's
// cart; ErrNotFound when the quote is not in it or has no such line.
func (s *Service) QuoteLine(ctx context.Context, o Owner, quoteNumber, part string) (QuoteLineRef, error) {
	var r QuoteLineRef
	err := s.DB.WithContext(ctx).Raw(`SELECT q.quote_number, q.workflow_id, q.status, q.current_version AS version, l.part_number, l.quantity
		FROM cart_quotes cq JOIN carts c ON c.id = cq.cart_id JOIN quotes q ON q.id = cq.quote_id
		JOIN quote_lines l ON l.quote_id = q.id AND l.version = q.current_version
		WHERE c.site_id = ? AND c.user_id = ? AND q.quote_number = ? AND l.part_number = ?`,
		o.SiteID, o.UserID, quoteNumber, part).Scan(&r).Error
	if err != nil {
		return r, fmt.Errorf("find quote line: %w", err)
	}
	if r.QuoteNumber == "" {
		return r, ErrNotFound
	}
	return r, nil
}

// AuditChangeRequest records that the owner filed a change request on a
// quote of their cart from the cart (the quote's workflow recorded the
// request itself).
func (s *Service) AuditChangeRequest(ctx context.Context, a accounts.Actor, o Owner, ref QuoteLineRef, change models.LineChange) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := ensure(tx, o)
		if err != nil {
			return err
		}
		if err := audit(tx, a, "cart.quote_change_requested", c, ref.QuoteNumber+":"+ref.PartNumber,
			lineAudit{ref.PartNumber, ref.Quantity}, change); err != nil {
			return err
		}
		return touch(tx, c)
	})
}
