package discovery_test

import (
	"testing"

	"github.com/pao/pao/workflows/discovery"
)

// A site's renewal is per anniversary, not per product: two products whose
// coverage ends the same day are one renewal; a third product of the same
// site ending another day is another.
func TestTwoProductsEndingTheSameDayAreOneRenewal(t *testing.T) {
	w := newWorld(t)
	site := w.site(t, "900031")
	due, other := today().AddDate(0, 0, 30), today().AddDate(0, 0, 60)
	w.cover(t, site, 0, due)
	w.cover(t, site, 1, due)
	w.cover(t, site, 2, other)
	res, _ := w.pass(t, input())
	if want := (discovery.Result{Pages: 1, Found: 2, Started: 2}); res != want {
		t.Fatalf("pass = %+v, want %+v", res, want)
	}
	w.mustStart(t, "900031", due)
	w.mustStart(t, "900031", other)
}
