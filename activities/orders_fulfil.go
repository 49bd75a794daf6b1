package activities

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

type fulfilHead struct {
	ID              int64
	Status          string
	SiteID          int64
	CustomerID      int64
	SiteNumber      string
	SiteName        string
	CustomerNumber  string
	CustomerName    string
	AgreementNumber *string
	Anniversary     *time.Time
}

// FulfilOrder fulfils a paid order in one transaction (SPEC G8): each
// line's coverage is extended (renewal) or created (new licence; Express:
// to the end of the same month a year later), the line records the period
// it bought, and the Proof of Entitlement is issued with its own number.
// Idempotent: an order that already has its PoE returns it. A line whose
// coverage cannot be computed is a permanent failure (the workflow refunds).
func (o *Orders) FulfilOrder(ctx context.Context, f order.Fulfilment) (order.Fulfilled, error) {
	var out order.Fulfilled
	err := o.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var h fulfilHead
		res := tx.Raw(`SELECT o.id, o.status, o.site_id, o.customer_id, s.site_number, s.name AS site_name,
			c.customer_number, c.name AS customer_name, a.agreement_number, a.anniversary
			FROM orders o JOIN sites s ON s.id = o.site_id JOIN customers c ON c.id = o.customer_id
			LEFT JOIN agreements a ON a.id = s.agreement_id
			WHERE o.reference = ? FOR UPDATE OF o`, f.Reference).Scan(&h)
		if res.Error != nil {
			return fmt.Errorf("lock order: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		if err := tx.Raw(`SELECT number FROM documents WHERE order_id = ?`, h.ID).Scan(&out.DocumentNumber).Error; err != nil {
			return fmt.Errorf("find document: %w", err)
		}
		if out.DocumentNumber != "" {
			return nil
		}
		items, err := o.fulfilLines(tx, h, f.Day)
		if err != nil {
			return err
		}
		out.DocumentNumber, err = o.issuePoE(tx, h, f, items)
		return err
	})
	if err != nil {
		return order.Fulfilled{}, classify("fulfil order "+f.Reference, err)
	}
	return out, nil
}

type fulfilLine struct {
	LineNo      int
	ProductID   int64
	PartNumber  string
	Description string
	LicenseType string
	Quantity    int64
}

// fulfilLines applies each line to the site's coverage, in line order (a
// renewal and new licences of one product in one order add up).
func (o *Orders) fulfilLines(tx *gorm.DB, h fulfilHead, day time.Time) ([]models.PoEItem, error) {
	var lines []fulfilLine
	if err := tx.Raw(`SELECT line_no, product_id, part_number, description, license_type, quantity
		FROM order_lines WHERE order_id = ? ORDER BY line_no`, h.ID).Scan(&lines).Error; err != nil {
		return nil, fmt.Errorf("order lines: %w", err)
	}
	var items []models.PoEItem
	for _, l := range lines {
		lt := models.LicenseType(l.LicenseType)
		if lt == models.LicenseTypeMedia {
			continue
		}
		productID, err := coverageProduct(tx, l)
		if err != nil {
			return nil, err
		}
		var cur struct {
			Quantity int64
			EndDate  time.Time
		}
		if err := tx.Raw(`SELECT quantity, end_date FROM coverages WHERE site_id = ? AND product_id = ? FOR UPDATE`,
			h.SiteID, productID).Scan(&cur).Error; err != nil {
			return nil, fmt.Errorf("coverage of line %d: %w", l.LineNo, err)
		}
		terms := models.CoverageTerms{Day: day, ExistingEnd: cur.EndDate, ExistingQty: cur.Quantity, LineQuantity: l.Quantity}
		if h.Anniversary != nil {
			terms.Anniversary = *h.Anniversary
		}
		ch, ok, err := models.FulfilCoverage(lt, terms)
		if err != nil {
			return nil, temporal.NewNonRetryableApplicationError(fmt.Sprintf("line %d (%s): %v", l.LineNo, l.PartNumber, err), order.ErrFulfilment, err)
		}
		if !ok {
			continue
		}
		// The coverage's period is the one this line bought, and the order
		// is the one its entitlement came from (internal/entitlements).
		if err := tx.Exec(`INSERT INTO coverages (site_id, product_id, quantity, start_date, end_date, order_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, product_id)
			DO UPDATE SET quantity = EXCLUDED.quantity, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
				order_id = EXCLUDED.order_id, updated_at = EXCLUDED.updated_at`,
			h.SiteID, productID, ch.Quantity, ch.Start, ch.End, h.ID, o.now(), o.now()).Error; err != nil {
			return nil, fmt.Errorf("coverage of line %d: %w", l.LineNo, err)
		}
		if err := tx.Exec(`UPDATE order_lines SET coverage_start = ?, coverage_end = ? WHERE order_id = ? AND line_no = ?`,
			ch.Start, ch.End, h.ID, l.LineNo).Error; err != nil {
			return nil, fmt.Errorf("line %d coverage: %w", l.LineNo, err)
		}
		items = append(items, models.PoEItem{PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity,
			Entitlement: models.EntitlementKind(lt), CoverageStart: ch.Start, CoverageEnd: ch.End})
	}
	return items, nil
}

// coverageProduct is the product a line's coverage is held on.
func coverageProduct(tx *gorm.DB, l fulfilLine) (int64, error) {
	return catalog.CoverageProductID(tx, models.Product{ID: l.ProductID, PartNumber: l.PartNumber,
		Description: l.Description, LicenseType: models.LicenseType(l.LicenseType)})
}

// issuePoE numbers and stores the Proof of Entitlement.
func (o *Orders) issuePoE(tx *gorm.DB, h fulfilHead, f order.Fulfilment, items []models.PoEItem) (string, error) {
	var n int64
	if err := tx.Raw(`SELECT nextval('document_number_seq')`).Scan(&n).Error; err != nil {
		return "", fmt.Errorf("document number: %w", err)
	}
	now := o.now()
	poe := models.ProofOfEntitlement{
		Number: models.DocumentNumber(now.Year(), n), IssuedAt: now, OrderReference: f.Reference,
		CustomerNumber: h.CustomerNumber, CustomerName: h.CustomerName, SiteNumber: h.SiteNumber, SiteName: h.SiteName,
		Items: items,
	}
	if h.AgreementNumber != nil {
		poe.AgreementNumber = *h.AgreementNumber
	}
	content, err := json.Marshal(poe)
	if err != nil {
		return "", fmt.Errorf("document content: %w", err)
	}
	if err := tx.Exec(`INSERT INTO documents (number, kind, site_id, customer_id, order_id, issued_at, content)
		VALUES (?, 'proof_of_entitlement', ?, ?, ?, ?, ?)`, poe.Number, h.SiteID, h.CustomerID, h.ID, now, string(content)).Error; err != nil {
		return "", fmt.Errorf("store document: %w", err)
	}
	site, customer := h.SiteID, h.CustomerID
	after, err := json.Marshal(map[string]any{"document": poe.Number, "items": len(items)})
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	row := models.AuditEntry{At: now, Actor: order.SystemActor, Action: "order.fulfil", SiteID: &site, CustomerID: &customer,
		ObjectType: "order", ObjectID: f.Reference, After: models.JSON(after)}
	if err := tx.Create(&row).Error; err != nil {
		return "", fmt.Errorf("audit fulfil: %w", err)
	}
	return poe.Number, nil
}
