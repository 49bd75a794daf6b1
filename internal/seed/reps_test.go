package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// Every demo customer gets the demo sales and renewal reps, at least one a
// Business Partner; a rep changed since is kept by a second load.
func TestLoadAssignsRepsAndKeepsChangedOnes(t *testing.T) {
	db := testenv.DB(t)
	ctx := context.Background()
	today := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	if _, err := seed.Load(ctx, db, today); err != nil {
		t.Fatalf("Load: %v", err)
	}
	missing := scalar[int64](t, db, `SELECT count(*) FROM customers c
		WHERE c.sales_rep_id IS DISTINCT FROM (SELECT id FROM users WHERE email = 'sales@ibm.example.com')
		   OR c.renewal_rep_id IS DISTINCT FROM (SELECT id FROM users WHERE email = 'renewals@ibm.example.com')`)
	if missing != 0 {
		t.Errorf("%d customers without the demo sales and renewal reps", missing)
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM customers WHERE business_partner_email IS NOT NULL"); n < 1 {
		t.Errorf("no customer buys through a Business Partner")
	}
	for _, email := range []string{"sales@ibm.example.com", "renewals@ibm.example.com"} {
		if s := scalar[string](t, db, "SELECT name || '|' || phone FROM users WHERE email = ?", email); len(s) < 5 {
			t.Errorf("rep %s has no name or phone: %q", email, s)
		}
	}

	if err := db.Exec(`UPDATE customers SET sales_rep_id = (SELECT id FROM users WHERE email = 'ops@ibm.example.com')
		WHERE customer_number = '1000001'`).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(ctx, db, today); err != nil {
		t.Fatalf("second Load: %v", err)
	}
	got := scalar[string](t, db, `SELECT u.email FROM customers c JOIN users u ON u.id = c.sales_rep_id WHERE c.customer_number = '1000001'`)
	if got != "ops@ibm.example.com" {
		t.Errorf("second load reassigned the sales rep: %s", got)
	}
}
