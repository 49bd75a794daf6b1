package entitlements_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/entitlements"
)

// Each, which the CSV download streams from, walks an inventory larger
// than a page (MaxPage) to its end: every entitlement once, in part-number
// order, the filter applied on every page.
func TestInventoryExportWalksEveryPage(t *testing.T) {
	f := newFixture(t)
	const extra = 2*entitlements.MaxPage + 37
	f.exec(`INSERT INTO products (part_number, description, category, license_type)
		SELECT 'X' || lpad(n::text, 6, '0'), 'Generated product ' || n || ' Annual SW Subscription & Support Renewal', 'Generated', 'ss_renewal'
		FROM generate_series(1, ?) n`, extra)
	f.exec(`INSERT INTO coverages (site_id, product_id, quantity, end_date)
		SELECT ?, id, 1, CURRENT_DATE + 200 FROM products WHERE category = 'Generated'`, f.siteID(acmeHQ))

	all := parts(f.inventory(acmeHQ, entitlementsAll))
	if len(all) != extra+4 || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Fatalf("export of %d entitlements: %d rows, sorted %v", extra+4, len(all), slices.IsSorted(all))
	}
	generated := f.inventory(acmeHQ, entitlements.Filter{Query: "Generated product"})
	if len(generated) != extra {
		t.Errorf("filtered export: %d rows, want %d", len(generated), extra)
	}
	stopped := 0
	err := f.svc.Each(f.ctx(), f.siteID(acmeHQ), entitlementsAll, func(entitlements.Entitlement) error {
		stopped++
		if stopped == 3 {
			return errStop
		}
		return nil
	})
	if err != errStop || stopped != 3 {
		t.Errorf("Each after its callback failed: %v after %d rows, want errStop after 3", err, stopped)
	}
}

type stopError struct{}

func (stopError) Error() string { return "stop" }

var errStop error = stopError{}
