package entitlements_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pao/pao/internal/entitlements"
)

// A site's inventory holds its own coverage only: 300002, of the same
// customer, lists its own products, and asking 300001 for one of them is
// ErrNotFound, as is a part number it does not hold at all.
func TestInventoryIsTheSitesOwn(t *testing.T) {
	f := newFixture(t)
	if got, want := parts(f.inventory(acmeEU, entitlementsAll)), []string{"E0MQ2LL", "E0WS1LL"}; !slices.Equal(got, want) {
		t.Errorf("inventory of %s: %v, want %v", acmeEU, got, want)
	}
	for _, part := range []string{"E0MQ2LL", "D0R4ZLL", "NOSUCH1"} {
		if _, err := f.svc.Get(f.ctx(), f.siteID(acmeHQ), part); !errors.Is(err, entitlements.ErrNotFound) {
			t.Errorf("%s of %s: %v, want ErrNotFound", part, acmeHQ, err)
		}
		if _, _, err := f.svc.Deployments(f.ctx(), f.siteID(acmeHQ), part); !errors.Is(err, entitlements.ErrNotFound) {
			t.Errorf("deployments of %s of %s: %v, want ErrNotFound", part, acmeHQ, err)
		}
	}
	if got := f.inventory(acmeHQ, entitlements.Filter{Query: "MQ Advanced"}); len(got) != 0 {
		t.Errorf("300001 searched for 300002's product: %v", parts(got))
	}
}
