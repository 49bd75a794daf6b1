package api_test

import (
	"strings"
	"testing"
)

// A search that finds nothing says whom to contact (F22): the customer's
// IBM sales rep (name, email, phone) and, for a customer that buys through
// one, its Business Partner; a search that finds something does not.
func TestCatalogEmptyResultNamesWhomToContact(t *testing.T) {
	t.Parallel()
	a := startCatalog(t)
	var rep struct{ Name, Email, Phone string }
	if err := a.Runtime.DB.Raw(`SELECT u.name, u.email, u.phone FROM customers c JOIN users u ON u.id = c.sales_rep_id
		WHERE c.customer_number = '1000001'`).Scan(&rep).Error; err != nil || rep.Email == "" {
		t.Fatalf("the demo customer 1000001 has no sales rep: %v", err)
	}

	direct := getCatalog(t, a, alice, acmeSite+"/catalog?q=zzyzx")
	if len(direct.Items) != 0 || direct.Contact == nil || direct.Contact.SalesRep == nil {
		t.Fatalf("300001 q=zzyzx: %+v", direct)
	}
	if got := *direct.Contact.SalesRep; got.Email != rep.Email || got.Name != rep.Name || got.Phone != rep.Phone {
		t.Errorf("sales rep %+v, want %+v", got, rep)
	}
	if direct.Contact.BusinessPartner != nil || !strings.Contains(direct.Contact.Message, rep.Email) || strings.Contains(direct.Contact.Message, "Business Partner") {
		t.Errorf("300001 (buys direct): %+v", direct.Contact)
	}

	viaBP := getCatalog(t, a, ian, "/v1/sites/300301/catalog?category=Nothing+Here")
	if len(viaBP.Items) != 0 || viaBP.Contact == nil || viaBP.Contact.SalesRep == nil || viaBP.Contact.BusinessPartner == nil {
		t.Fatalf("300301 nothing: %+v", viaBP)
	}
	bp := *viaBP.Contact.BusinessPartner
	if bp.Name != "Northgate Software Partners Ltd" || bp.Email == "" ||
		!strings.Contains(viaBP.Contact.Message, bp.Name) || !strings.Contains(viaBP.Contact.Message, "sales representative") {
		t.Errorf("300301 (through a Business Partner): %+v", viaBP.Contact)
	}

	if found := getCatalog(t, a, alice, acmeSite+"/catalog?q=websph"); found.Contact != nil || len(found.Items) == 0 {
		t.Errorf("a search with results names a contact: %+v", found.Contact)
	}
}
