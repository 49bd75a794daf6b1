package activities_test

// Fixtures of the discovery tests and benchmark: a book of coverage
// inserted in bulk (INSERT … SELECT generate_series), and a discovery pass's
// database work (FindDueRenewals page after page).

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/workflows/discovery"
)

// book is a bulk book of coverage: Sites Express sites of one customer
// (site numbers 7000001…), each with Products products whose coverage all
// ends on the site's anniversary, spread evenly over Days days from First.
type book struct {
	Sites, Products, Days int
	First                 time.Time
}

// rows is the number of coverage rows of the book.
func (k book) rows() int { return k.Sites * k.Products }

// insert writes the book and refreshes the planner's statistics and the
// visibility map (VACUUM ANALYZE), as autovacuum would on a settled table.
func (k book) insert(tb testing.TB, db *gorm.DB) {
	tb.Helper()
	day := k.First.Format(discovery.DateLayout)
	steps := []struct {
		q    string
		args []any
	}{
		{"INSERT INTO customers (customer_number, name) VALUES ('8000001', 'Bulk Book Corp')", nil},
		{`INSERT INTO sites (site_number, customer_id, kind, name, country, currency)
			SELECT (7000000 + i)::text, (SELECT id FROM customers WHERE customer_number = '8000001'), 'express', 'Bulk site ' || i, 'US', 'USD'
			FROM generate_series(1, ?) i`, []any{k.Sites}},
		{`INSERT INTO products (part_number, description, category, license_type)
			SELECT 'BULK' || lpad(i::text, 4, '0'), 'Bulk S&S renewal ' || i, 'Bulk', 'ss_renewal' FROM generate_series(1, ?) i`, []any{k.Products}},
		{`INSERT INTO coverages (site_id, product_id, quantity, end_date)
			SELECT s.id, p.id, 1 + (s.id + p.id) % 50, CAST(? AS date) + ((s.site_number::int - 7000001) % ?)
			FROM sites s CROSS JOIN products p
			WHERE s.site_number::int BETWEEN 7000001 AND 7000000 + ? AND p.part_number LIKE 'BULK%'`, []any{day, k.Days, k.Sites}},
		{"VACUUM ANALYZE coverages", nil},
		{"VACUUM ANALYZE sites", nil},
		{"VACUUM ANALYZE renewals", nil},
	}
	// The test server commits asynchronously, and VACUUM leaves a page
	// not all-visible while the commit of its rows is not yet flushed:
	// the book's rows are committed synchronously.
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL synchronous_commit TO on").Error; err != nil {
			return err
		}
		for _, s := range steps[:4] {
			if err := tx.Exec(s.q, s.args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("bulk book: %v", err)
	}
	for _, s := range steps[4:] {
		if err := db.Exec(s.q, s.args...).Error; err != nil {
			tb.Fatalf("bulk book: %v", err)
		}
	}
	var n int
	if err := db.Raw("SELECT count(*) FROM coverages").Scan(&n).Error; err != nil || n < k.rows() {
		tb.Fatalf("bulk book: %d coverage rows (%v), want %d", n, err, k.rows())
	}
}

// recordRenewals writes a renewals row (as each renewal's first write
// would) for every site and end date of coverage ending in [from, to].
func recordRenewals(tb testing.TB, db *gorm.DB, from, to time.Time) {
	tb.Helper()
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL synchronous_commit TO on").Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO renewals (site_id, customer_id, due_date, status, workflow_id)
		SELECT DISTINCT v.site_id, s.customer_id, v.end_date, 'scheduled', 'renewal/' || s.site_number || '/' || v.end_date
		FROM coverages v JOIN sites s ON s.id = v.site_id
		WHERE v.end_date BETWEEN CAST(? AS date) AND CAST(? AS date)`,
			from.Format(discovery.DateLayout), to.Format(discovery.DateLayout)).Error
	})
	if err == nil {
		err = db.Exec("VACUUM ANALYZE renewals").Error
	}
	if err != nil {
		tb.Fatalf("record renewals: %v", err)
	}
}

// findAll is a pass's database work: FindDueRenewals page after page over
// [from, to] until the last page; it returns every pair found and the
// number of pages.
func findAll(ctx context.Context, d *activities.Discovery, from, to time.Time, limit int) ([]discovery.Due, int, error) {
	var all []discovery.Due
	var after *discovery.Cursor
	for pages := 1; ; pages++ {
		page, err := d.FindDueRenewals(ctx, discovery.Page{From: from, To: to, After: after, Limit: limit})
		if err != nil {
			return nil, pages, err
		}
		all = append(all, page.Due...)
		if page.Last {
			return all, pages, nil
		}
		next := page.Due[len(page.Due)-1].Cursor()
		if after != nil && !after.Before(next) {
			return nil, pages, fmt.Errorf("the cursor did not advance past %+v", *after)
		}
		after = &next
	}
}

// utcToday is today's UTC date.
func utcToday() time.Time {
	y, m, d := time.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
