package catalog

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Person is someone a customer can contact.
type Person struct {
	Name, Email, Phone string
}

// Contacts are whom a site's people ask for what the catalog does not
// show (F22): the customer's IBM sales rep and, where the customer buys
// through one, its Business Partner. Either may be missing (no rep
// assigned yet; a customer buying direct).
type Contacts struct {
	SalesRep        *Person
	BusinessPartner *Person // no phone
}

// SiteContacts loads the Contacts of the site's customer;
// ErrSiteNotFound when there is no such site.
func SiteContacts(ctx context.Context, db *gorm.DB, siteID int64) (Contacts, error) {
	var row struct {
		RepName, RepEmail, RepPhone *string
		BPName, BPEmail             *string
	}
	err := db.WithContext(ctx).Raw(`SELECT u.name AS rep_name, u.email AS rep_email, u.phone AS rep_phone,
			c.business_partner_name AS bp_name, c.business_partner_email AS bp_email
		FROM sites s
		JOIN customers c ON c.id = s.customer_id
		LEFT JOIN users u ON u.id = c.sales_rep_id
		WHERE s.id = ?`, siteID).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return Contacts{}, fmt.Errorf("contacts of site id %d: %w", siteID, ErrSiteNotFound)
	case err != nil:
		return Contacts{}, fmt.Errorf("contacts of site id %d: %w", siteID, err)
	}
	var out Contacts
	if row.RepEmail != nil {
		out.SalesRep = &Person{Name: deref(row.RepName), Email: *row.RepEmail, Phone: deref(row.RepPhone)}
	}
	if row.BPName != nil {
		out.BusinessPartner = &Person{Name: *row.BPName, Email: deref(row.BPEmail)}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
