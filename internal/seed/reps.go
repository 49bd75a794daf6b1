package seed

import "fmt"

// Every demo customer's IBM sales rep and renewal rep (issue 9 item 2):
// the demo staff users with the sales-rep and renewal-rep roles.
const (
	demoSalesRep   = "sales@ibm.example.com"
	demoRenewalRep = "renewals@ibm.example.com"
)

// businessPartner is a customer that buys through a Business Partner.
type businessPartner struct{ customer, name, email string }

var businessPartners = []businessPartner{
	{"1000004", "Northgate Software Partners Ltd", "orders@northgate-partners.example.com"},
	{"1000005", "PT Mitra Solusi Bali", "sales@mitrasolusi.example.com"},
}

// reps assigns the demo reps to every demo customer that has none and
// names the Business Partners of those that have none: a second load, or
// a rep or partner changed since, is left alone.
func (l *loader) reps() error {
	nums := keysOf(customers, func(c customerSpec) string { return c.number })
	err := l.tx.Exec(`UPDATE customers SET sales_rep_id = COALESCE(sales_rep_id, ?), renewal_rep_id = COALESCE(renewal_rep_id, ?)
		WHERE customer_number IN ?`, l.userIDs[demoSalesRep], l.userIDs[demoRenewalRep], nums).Error
	if err != nil {
		return fmt.Errorf("assign reps: %w", err)
	}
	for _, bp := range businessPartners {
		err := l.tx.Exec(`UPDATE customers SET business_partner_name = ?, business_partner_email = ?
			WHERE customer_number = ? AND business_partner_name IS NULL`, bp.name, bp.email, bp.customer).Error
		if err != nil {
			return fmt.Errorf("name the Business Partner of %s: %w", bp.customer, err)
		}
	}
	return nil
}
