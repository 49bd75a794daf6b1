package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// TestSupportRequestWithoutDecidersIsRefused: on an account with no Site
// Technical Contact and no support administrator nobody could ever decide
// a support-access request, so it is a 422 at submission (D2), no request
// row and no workflow; with an STC back, the same request is accepted.
func TestSupportRequestWithoutDecidersIsRefused(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{})
	db := a.Runtime.DB
	if _, err := seed.Load(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	const erin = "erin@acme.example.com"
	body := map[string]string{"customer_number": "1000001", "name": "Erin", "email": erin,
		"company": "Acme", "phone": "+15125550101", "reason": "follow the outage cases"}
	var stcs []struct{ SiteID, UserID int64 }
	if err := db.Raw(`SELECT c.site_id, c.user_id FROM site_contacts c JOIN sites s ON s.id = c.site_id
		JOIN customers cu ON cu.id = s.customer_id WHERE cu.customer_number = '1000001' AND c.role = 'technical'`).Scan(&stcs).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`DELETE FROM site_contacts WHERE role = 'technical' AND site_id IN
		(SELECT s.id FROM sites s JOIN customers c ON c.id = s.customer_id WHERE c.customer_number = '1000001')`).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(`DELETE FROM support_access WHERE level = 3 AND customer_id =
		(SELECT id FROM customers WHERE customer_number = '1000001')`).Error; err != nil {
		t.Fatal(err)
	}
	p := refused(t, a, "POST", "/v1/support-access-requests", erin, body, http.StatusUnprocessableEntity, "rule-violation", "D2", "")
	if p.Detail == "" {
		t.Fatal("the refusal does not say why")
	}
	var rows int64
	if err := db.Raw("SELECT count(*) FROM access_requests").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Fatalf("%d request rows after a refused submission", rows)
	}
	for _, s := range stcs {
		if err := db.Exec("INSERT INTO site_contacts (site_id, user_id, role) VALUES (?, ?, 'technical')", s.SiteID, s.UserID).Error; err != nil {
			t.Fatal(err)
		}
	}
	if r := a.Do("POST", "/v1/support-access-requests", a.Token(erin), body); r.Status != http.StatusCreated {
		t.Fatalf("with an STC back = %d %s", r.Status, r.Body)
	}
}
