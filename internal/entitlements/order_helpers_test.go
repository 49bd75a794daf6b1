package entitlements_test

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// paidOrder makes a paid order of site for qty of part, bought by its
// Primary, as the order workflow leaves it before fulfilment (a checkout
// marked ordered, the orders row and its one line), and returns its
// reference.
func (f fixture) paidOrder(site, part string, qty int64) string {
	f.t.Helper()
	var ref string
	err := f.db.Transaction(func(tx *gorm.DB) error {
		var s struct {
			ID, CustomerID, BuyerID int64
			Currency                string
		}
		if err := tx.Raw(`SELECT s.id, s.customer_id, s.currency, k.user_id AS buyer_id FROM sites s
			JOIN site_contacts k ON k.site_id = s.id AND k.role = 'primary' WHERE s.site_number = ?`, site).Scan(&s).Error; err != nil || s.ID == 0 {
			return fmt.Errorf("site %s: %v", site, err)
		}
		var p struct {
			ID                                   int64
			PartNumber, Description, LicenseType string
		}
		if err := tx.Raw(`SELECT id, part_number, description, license_type FROM products WHERE part_number = ?`, part).Scan(&p).Error; err != nil || p.ID == 0 {
			return fmt.Errorf("product %s: %v", part, err)
		}
		if err := tx.Raw(`SELECT 'ORD-2026-' || lpad(nextval('order_reference_seq')::text, 6, '0')`).Scan(&ref).Error; err != nil {
			return err
		}
		addr, _ := json.Marshal(models.Address{Name: "Alice", Line1: "1 Fixture Way", City: "Austin", PostalCode: "78701", Country: "US"})
		var checkoutID, orderID int64
		if err := tx.Raw(`INSERT INTO checkouts (site_id, user_id, status, currency, total_minor, billing, shipping,
			shipping_same_as_billing, order_ref) VALUES (?, ?, 'ordered', ?, 1000, ?, ?, true, ?) RETURNING id`,
			s.ID, s.BuyerID, s.Currency, string(addr), string(addr), ref).Scan(&checkoutID).Error; err != nil {
			return fmt.Errorf("checkout: %w", err)
		}
		if err := tx.Raw(`INSERT INTO orders (reference, site_id, customer_id, buyer_id, checkout_id, status, currency, total_minor,
			payment_method, po_number, billing, shipping, terms_version, workflow_id)
			VALUES (?, ?, ?, ?, ?, 'paid', ?, 1000, 'purchase_order', 'PO-1', ?, ?, 'fixture-terms', ?) RETURNING id`,
			ref, s.ID, s.CustomerID, s.BuyerID, checkoutID, s.Currency, string(addr), string(addr), "order/"+ref).Scan(&orderID).Error; err != nil {
			return fmt.Errorf("order: %w", err)
		}
		return tx.Exec(`INSERT INTO order_lines (order_id, line_no, kind, product_id, part_number, description, license_type,
			quantity, unit_minor, currency, line_total_minor) VALUES (?, 1, 'catalog', ?, ?, ?, ?, ?, 1000, ?, 1000)`,
			orderID, p.ID, p.PartNumber, p.Description, p.LicenseType, qty, s.Currency).Error
	})
	if err != nil {
		f.t.Fatalf("paid order of %s: %v", site, err)
	}
	return ref
}

// fulfil runs the order fulfilment activity on ref as of today and
// returns the Proof of Entitlement's number.
func (f fixture) fulfil(ref string) string {
	f.t.Helper()
	o := &activities.Orders{Deps: activities.Deps{DB: f.db, Now: func() time.Time { return today.Add(12 * time.Hour) }}}
	out, err := o.FulfilOrder(f.ctx(), order.Fulfilment{Reference: ref, Day: today})
	if err != nil || out.DocumentNumber == "" {
		f.t.Fatalf("fulfil %s: %+v %v", ref, out, err)
	}
	return out.DocumentNumber
}
