package checkout_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/cart"
	"github.com/pao/pao/internal/checkout"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

var ctx = context.Background()

const alice = "alice@acme.example.com" // Primary of 300001 (USD, level E)

// fixture is a migrated database with the demo data, alice on 300001 and
// the services on one clock.
type fixture struct {
	t     *testing.T
	db    *gorm.DB
	now   time.Time
	owner checkout.Owner
	actor accounts.Actor
	svc   *checkout.Service
	cart  *cart.Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := testenv.DB(t)
	now := time.Now().UTC()
	if _, err := seed.Load(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, now: now, actor: accounts.Actor{Email: alice, RequestID: "test"}}
	f.owner = checkout.Owner{SiteID: f.id(`SELECT id FROM sites WHERE site_number = '300001'`),
		UserID: f.id(`SELECT id FROM users WHERE email = ?`, alice)}
	clock := func() time.Time { return f.now }
	f.svc = &checkout.Service{DB: db, Now: clock}
	f.cart = &cart.Service{DB: db, Now: clock}
	return f
}

func (f *fixture) id(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Raw(q, args...).Scan(&id).Error; err != nil || id == 0 {
		f.t.Fatalf("%s: %d %v", q, id, err)
	}
	return id
}

// add puts quantity of part in alice's cart.
func (f *fixture) add(part string, quantity int64) {
	f.t.Helper()
	if _, err := f.cart.AddItem(ctx, f.actor, f.owner, part, quantity); err != nil {
		f.t.Fatalf("add %s: %v", part, err)
	}
}

// price is the catalog price of part in USD at level E (300001's).
func (f *fixture) price(part string) int64 {
	f.t.Helper()
	return f.id(`SELECT p.unit_minor FROM prices p JOIN products x ON x.id = p.product_id
		WHERE x.part_number = ? AND p.currency = 'USD' AND p.price_level = 'E'`, part)
}

// quoteLine is a line of a quote version the fixture writes.
type quoteLine struct {
	part       string
	quantity   int64
	unitMinor  int64
	discountBP int
}

// openQuote writes an issued sales quote of 300001 (as its workflow
// would) with version 1's lines, valid for a week, and returns its id
// and number.
func (f *fixture) openQuote(n int, lines ...quoteLine) (int64, string) {
	f.t.Helper()
	number := fmt.Sprintf("Q-2026-%06d", 900000+n)
	var q struct{ ID int64 }
	if err := f.db.Raw(`INSERT INTO quotes (quote_number, kind, site_id, customer_id, requester_id, rep_id, status,
		current_version, valid_until, workflow_id)
		SELECT ?, 'sales', s.id, s.customer_id, ?, (SELECT id FROM users WHERE email = 'sales@ibm.example.com'), 'open', 1, ?, ?
		FROM sites s WHERE s.id = ? RETURNING id`, number, f.owner.UserID, f.now.Add(7*24*time.Hour), "quote/"+number,
		f.owner.SiteID).Scan(&q).Error; err != nil {
		f.t.Fatalf("quote: %v", err)
	}
	f.version(q.ID, 1, lines...)
	return q.ID, number
}

// version writes version v of a quote with its lines.
func (f *fixture) version(quoteID int64, v int, lines ...quoteLine) {
	f.t.Helper()
	var totals []models.Money
	type row struct {
		pid  int64
		desc string
		tot  models.Money
	}
	var rows []row
	for _, l := range lines {
		tot, err := models.LineTotal(models.Money{Minor: l.unitMinor, Currency: "USD"}, l.quantity, l.discountBP)
		if err != nil {
			f.t.Fatal(err)
		}
		var p models.Product
		if err := f.db.Where("part_number = ?", l.part).Take(&p).Error; err != nil {
			f.t.Fatal(err)
		}
		rows = append(rows, row{p.ID, p.Description, tot})
		totals = append(totals, tot)
	}
	sum, err := models.Sum("USD", totals...)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.Exec(`INSERT INTO quote_versions (quote_id, version, currency, total_minor, valid_until, issued_by, issued_at)
		VALUES (?, ?, 'USD', ?, ?, 'sales@ibm.example.com', ?)`, quoteID, v, sum.Minor, f.now.Add(7*24*time.Hour), f.now).Error; err != nil {
		f.t.Fatal(err)
	}
	for i, l := range lines {
		if err := f.db.Exec(`INSERT INTO quote_lines (quote_id, version, line_no, product_id, part_number, description, quantity,
			unit_minor, currency, discount_bp, line_total_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?)`,
			quoteID, v, i+1, rows[i].pid, l.part, rows[i].desc, l.quantity, l.unitMinor, l.discountBP, rows[i].tot.Minor).Error; err != nil {
			f.t.Fatal(err)
		}
	}
	if err := f.db.Exec(`UPDATE quotes SET current_version = ? WHERE id = ?`, v, quoteID).Error; err != nil {
		f.t.Fatal(err)
	}
}

// addQuote puts a quote in alice's cart.
func (f *fixture) addQuote(number string) {
	f.t.Helper()
	if err := f.cart.AddQuote(ctx, f.actor, f.owner, number); err != nil {
		f.t.Fatalf("add quote %s: %v", number, err)
	}
}

// start starts a checkout from alice's cart.
func (f *fixture) start() int64 {
	f.t.Helper()
	id, err := f.svc.Start(ctx, f.actor, f.owner)
	if err != nil {
		f.t.Fatalf("start: %v", err)
	}
	return id
}

// us is a valid billing party in the US.
func us() models.Address {
	return models.Address{Name: "Alice Anders", Company: "Acme Corporation", Line1: "1 Congress Ave", City: "Austin",
		Region: "TX", PostalCode: "78701", Country: "US", Email: "ap@acme.example.com", Phone: "+1 512 555 0100"}
}

// ready takes a checkout through every step: US details, the current
// terms, a Visa card on file.
func (f *fixture) ready(id int64) {
	f.t.Helper()
	if err := f.svc.SetDetails(ctx, f.actor, f.owner, id, us(), nil); err != nil {
		f.t.Fatalf("details: %v", err)
	}
	if err := f.svc.AcceptTerms(ctx, f.actor, f.owner, id, "2026-01", models.TermsAgreement, "203.0.113.7"); err != nil {
		f.t.Fatalf("terms: %v", err)
	}
	if err := f.svc.SetPayment(ctx, f.actor, f.owner, id, visa(f.now)); err != nil {
		f.t.Fatalf("payment: %v", err)
	}
}

// visa is a card on file expiring in two years.
func visa(now time.Time) models.PaymentChoice {
	return models.PaymentChoice{Method: models.PayCard, Card: &models.CardOnFile{Token: "tok_test", Brand: models.BrandVisa,
		Last4: "4242", ExpMonth: 12, ExpYear: now.Year() + 2}}
}

// audits counts the audit rows of checkouts with action.
func (f *fixture) audits(action string) int64 {
	f.t.Helper()
	var n int64
	if err := f.db.Raw(`SELECT count(*) FROM audit_log WHERE object_type = 'checkout' AND action = ?`, action).Scan(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return n
}
