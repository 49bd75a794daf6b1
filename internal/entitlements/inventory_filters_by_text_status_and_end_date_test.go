package entitlements_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/entitlements"
	"github.com/pao/pao/models"
)

// The filters: q matches the start of a part number (any case) or text of
// the description (any case, taken literally: % and _ are no wildcards);
// status keeps any of the statuses asked; ends_before keeps coverage
// whose last day is before the date; together they all apply.
func TestInventoryFiltersByTextStatusAndEndDate(t *testing.T) {
	f := newFixture(t)
	f.setCoverage(acmeHQ, "E0N7MLL", day(-400), day(-35), 25) // lapsed
	f.setCoverage(acmeHQ, "E0R50LL", day(-300), day(10), 16)  // expiring
	f.setCoverage(acmeHQ, "E0TP9LL", day(-200), day(120), 12) // active
	f.setCoverage(acmeHQ, "E0VJ6LL", day(-100), day(300), 1)  // active
	at := func(n int) *time.Time { d := day(n); return &d }

	cases := []struct {
		name   string
		filter entitlements.Filter
		want   []string
	}{
		{"part number", entitlements.Filter{Query: "E0R50LL"}, []string{"E0R50LL"}},
		{"start of a part number, lower case", entitlements.Filter{Query: "e0t"}, []string{"E0TP9LL"}},
		{"description text, any case", entitlements.Filter{Query: "spss statistics"}, []string{"E0N7MLL"}},
		{"description word in several", entitlements.Filter{Query: "Virtual Processor Core"}, []string{"E0R50LL", "E0TP9LL"}},
		{"a LIKE wildcard is literal", entitlements.Filter{Query: "%"}, nil},
		{"an underscore is literal", entitlements.Filter{Query: "E0_"}, nil},
		{"nothing matches", entitlements.Filter{Query: "Lotus Notes"}, nil},
		{"lapsed", entitlements.Filter{Statuses: []models.EntitlementStatus{models.EntitlementLapsed}}, []string{"E0N7MLL"}},
		{"expiring", entitlements.Filter{Statuses: []models.EntitlementStatus{models.EntitlementExpiring}}, []string{"E0R50LL"}},
		{"active", entitlements.Filter{Statuses: []models.EntitlementStatus{models.EntitlementActive}}, []string{"E0TP9LL", "E0VJ6LL"}},
		{"expiring or lapsed", entitlements.Filter{Statuses: []models.EntitlementStatus{models.EntitlementExpiring, models.EntitlementLapsed}},
			[]string{"E0N7MLL", "E0R50LL"}},
		{"ending before day 120", entitlements.Filter{EndsBefore: at(120)}, []string{"E0N7MLL", "E0R50LL"}},
		{"ending before day 121", entitlements.Filter{EndsBefore: at(121)}, []string{"E0N7MLL", "E0R50LL", "E0TP9LL"}},
		{"not lapsed", entitlements.Filter{NotLapsed: true}, []string{"E0R50LL", "E0TP9LL", "E0VJ6LL"}},
		{"active, ending before day 200, Core", entitlements.Filter{Query: "core", Statuses: []models.EntitlementStatus{models.EntitlementActive},
			EndsBefore: at(200)}, []string{"E0TP9LL"}},
	}
	for _, c := range cases {
		got := parts(f.inventory(acmeHQ, c.filter))
		if !slices.Equal(got, c.want) && (len(got) > 0 || len(c.want) > 0) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		for _, e := range f.inventory(acmeHQ, c.filter) {
			if len(c.filter.Statuses) > 0 && !slices.Contains(c.filter.Statuses, e.Status) {
				t.Errorf("%s: %s has status %s", c.name, e.PartNumber, e.Status)
			}
		}
	}
}
