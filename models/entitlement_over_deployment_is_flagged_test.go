package models_test

import (
	"testing"

	"github.com/pao/pao/models"
)

// Usage compares the licences deployed with those owned: what is left to
// deploy, negative once more are deployed than owned, which is flagged
// with by how many.
func TestEntitlementOverDeploymentIsFlagged(t *testing.T) {
	cases := []struct {
		owned, deployed int64
		available       int64
		over            bool
		overBy          int64
	}{
		{16, 0, 16, false, 0},
		{16, 10, 6, false, 0},
		{16, 16, 0, false, 0},
		{16, 17, -1, true, 1},
		{1, 40, -39, true, 39},
		{0, 0, 0, false, 0},
	}
	for _, c := range cases {
		u := models.Usage{Owned: c.owned, Deployed: c.deployed}
		if got := u.Available(); got != c.available {
			t.Errorf("owned %d deployed %d: available %d, want %d", c.owned, c.deployed, got, c.available)
		}
		if got := u.OverDeployed(); got != c.over {
			t.Errorf("owned %d deployed %d: over-deployed %v, want %v", c.owned, c.deployed, got, c.over)
		}
		if got := u.OverBy(); got != c.overBy {
			t.Errorf("owned %d deployed %d: over by %d, want %d", c.owned, c.deployed, got, c.overBy)
		}
	}
}
