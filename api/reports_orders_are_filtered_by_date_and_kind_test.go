package api_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestReportsOrdersAreFilteredByDateAndKind: the order history narrows by
// the day ordered (from and to, both inclusive, whole UTC days) and by
// kind (purchase, renewal, mixed); a CSV download takes the same filters.
func TestReportsOrdersAreFilteredByDateAndKind(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	jan := reportOrderOf(t, db, "300001", models.OrderCompleted, "purchase", at(1, 31, 23))
	feb := reportOrderOf(t, db, "300001", models.OrderCompleted, "renewal", at(2, 1, 0))
	febLate := reportOrderOf(t, db, "300001", models.OrderCompleted, "renewal", at(2, 28, 23))
	mar := reportOrderOf(t, db, "300001", models.OrderCompleted, "mixed", at(3, 1, 0))
	const path = "/v1/sites/300001/reports/orders"

	for _, c := range []struct {
		params []string
		want   []string
	}{
		{nil, []string{mar, febLate, feb, jan}},
		{[]string{"from", "2026-02-01"}, []string{mar, febLate, feb}},
		{[]string{"to", "2026-01-31"}, []string{jan}},
		{[]string{"from", "2026-02-01", "to", "2026-02-28"}, []string{febLate, feb}},
		{[]string{"from", "2026-02-02", "to", "2026-02-27"}, []string{}},
		{[]string{"kind", "renewal"}, []string{febLate, feb}},
		{[]string{"kind", "purchase"}, []string{jan}},
		{[]string{"kind", "mixed", "from", "2026-01-01"}, []string{mar}},
	} {
		p := reportGet(t, a, withQuery(path, c.params...), alice)
		if got := refs(p.rows(), "reference"); !slices.Equal(got, c.want) {
			t.Errorf("%v: %v, want %v", c.params, got, c.want)
		}
		_, records, _ := reportCSV(t, a, withQuery(path, c.params...), alice, true)
		var csvRefs []string
		for _, r := range records {
			csvRefs = append(csvRefs, r[0])
		}
		if !slices.Equal(csvRefs, c.want) && !(len(csvRefs) == 0 && len(c.want) == 0) {
			t.Errorf("%v as CSV: %v, want %v", c.params, csvRefs, c.want)
		}
	}
}
