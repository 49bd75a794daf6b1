package entitlements_test

import (
	"slices"
	"testing"

	"github.com/pao/pao/internal/entitlements"
)

// entitlementsAll is the filter that keeps everything.
var entitlementsAll = entitlements.Filter{}

// Pages of any size, each continuing after the part number the previous
// one ended with, list every entitlement of the site once, in part-number
// order, and the last page says there is no more (no empty page after a
// full one).
func TestInventoryPagesThroughEveryEntitlementOnce(t *testing.T) {
	f := newFixture(t)
	site := f.siteID(acmeHQ)
	all := parts(f.inventory(acmeHQ, entitlementsAll))
	if len(all) != 4 || !slices.IsSorted(all) {
		t.Fatalf("inventory of %s: %v, want 4 by part number", acmeHQ, all)
	}
	for _, size := range []int{1, 2, 3, 4, 5} {
		var seen []string
		after, pages := "", 0
		for {
			page, next, err := f.svc.Inventory(f.ctx(), site, entitlementsAll, after, size)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if len(page) > size {
				t.Errorf("page of %d has %d rows", size, len(page))
			}
			seen = append(seen, parts(page)...)
			if next == "" {
				break
			}
			if next != page[len(page)-1].PartNumber {
				t.Errorf("page of %d: next %q, want its last part %q", size, next, page[len(page)-1].PartNumber)
			}
			if pages > 10 {
				t.Fatalf("pages of %d never end", size)
			}
			after = next
		}
		if !slices.Equal(seen, all) {
			t.Errorf("pages of %d: %v, want %v", size, seen, all)
		}
		if want := (len(all) + size - 1) / size; pages != want {
			t.Errorf("pages of %d: %d pages for %d rows", size, pages, len(all))
		}
	}
	if _, _, err := f.svc.Inventory(f.ctx(), site, entitlementsAll, "", entitlements.MaxPage+1); err == nil {
		t.Error("a page over MaxPage was served")
	}
}
