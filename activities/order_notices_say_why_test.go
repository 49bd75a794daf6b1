package activities_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/order"
)

// Every order email records why each recipient got it (issue 11 item 3),
// on the order's site: the confirmation the buyer; the Proof of
// Entitlement the site's PoE contacts by the A6 rule, with the customer's
// Business Partner when it has one; the purchase order to confirm the
// customer's sales rep.
func TestOrderNoticesSayWhyEachRecipientGotThem(t *testing.T) {
	f := newFixture(t)
	in := f.orderAwaitingPO(t, "300001", "1000001", alice)
	site := in.SiteID
	st := order.State{Reference: in.Reference, Status: models.OrderAwaitingPO, Since: time.Now().UTC()}
	queue := func(key, template, audience string) string {
		t.Helper()
		f.mustRun(t, order.ActivityQueueOrderNotice, order.NoticeRequest{Key: key, Template: template, Audience: audience, Input: in, State: st})
		return key
	}

	f.wantWhy(t, queue("why/confirmation", "order_confirmation", order.AudienceBuyer), site,
		map[string]string{alice: "order confirmation → the buyer"})
	f.wantWhy(t, queue("why/po", "order_po_awaiting", order.AudienceIBM), site,
		map[string]string{salesRep: "purchase order to confirm → the customer's sales rep"})
	f.wantWhy(t, queue("why/poe", "order_poe", order.AudiencePoE), site,
		map[string]string{bob: "Proof of Entitlement → Administrative Contact"})

	f.exec(t, "UPDATE customers SET business_partner_name = 'Northgate', business_partner_email = 'orders@northgate.example.com' WHERE id = ?", in.CustomerID)
	f.exec(t, "DELETE FROM site_contacts WHERE site_id = ? AND role = 'administrative'", site)
	f.wantWhy(t, queue("why/poe-partner", "order_poe", order.AudiencePoE), site, map[string]string{
		alice:                          "Proof of Entitlement → no Administrative Contact, fell back to the Primary Contact",
		"orders@northgate.example.com": "Proof of Entitlement → the Business Partner the order was placed through",
	})
}

// orderAwaitingPO records, as the order process would, an order of site
// by buyer paid by purchase order and awaiting its confirmation.
func (f fixture) orderAwaitingPO(t *testing.T, site, customer, buyer string) order.Input {
	t.Helper()
	in := order.Input{SiteID: f.siteID(t, site), SiteNumber: site, CustomerID: f.customerID(t, customer), CustomerNumber: customer,
		Buyer: order.Person{ID: f.userID(t, buyer), Email: buyer}, Timers: order.DefaultTimers()}
	f.scan(t, &in.Reference, `SELECT 'ORD-2026-' || lpad(nextval('order_reference_seq')::text, 6, '0')`)
	addr, _ := json.Marshal(models.Address{Name: "Buyer", Company: "Acme", Line1: "1 Fixture Way", City: "Austin",
		PostalCode: "78701", Country: "US", Email: buyer, Phone: "+1 512 555 0100"})
	f.scan(t, &in.CheckoutID, `INSERT INTO checkouts (site_id, user_id, status, currency, total_minor, billing, shipping, order_ref)
		VALUES (?, ?, 'ordered', 'USD', 250000, ?, ?, ?) RETURNING id`, in.SiteID, in.Buyer.ID, string(addr), string(addr), in.Reference)
	var orderID int64
	f.scan(t, &orderID, `INSERT INTO orders (reference, site_id, customer_id, buyer_id, checkout_id, status, currency, total_minor,
		payment_method, po_number, billing, shipping, terms_version, workflow_id)
		VALUES (?, ?, ?, ?, ?, 'awaiting_po_confirmation', 'USD', 250000, 'purchase_order', 'PO-1', ?, ?, 'fixture-terms', ?) RETURNING id`,
		in.Reference, in.SiteID, in.CustomerID, in.Buyer.ID, in.CheckoutID, string(addr), string(addr), "order/"+in.Reference)
	f.exec(t, `INSERT INTO order_lines (order_id, line_no, kind, product_id, part_number, description, license_type, quantity, unit_minor, currency, line_total_minor)
		SELECT ?, 1, 'catalog', id, part_number, description, license_type, 2, 125000, 'USD', 250000 FROM products WHERE part_number = 'D0R4ZLL'`, orderID)
	return in
}
