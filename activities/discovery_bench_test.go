package activities_test

import (
	"context"
	"testing"
	"time"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/workflows/discovery"
)

// BenchmarkRenewalDiscovery is the database work of a discovery pass
// (FindDueRenewals, page after page) over 1,000,000 coverage rows: 100,000
// sites with 10 products each, their anniversaries spread over three years
// (a year past, two ahead), about 91 sites and 913 rows ending each day.
// Each case runs beside a bare baseline, a count(*) of the same coverage
// rows by the same index:
//
//   - day: one day's window (the day a daily pass adds at its far end),
//     nothing started yet: the rows due in one day's window.
//   - daily: the real daily pass in steady state: the whole window (today
//     to 121 days ahead) read, every renewal but the last day's already
//     recorded, so only that day's are found.
//   - first: the first pass ever over the book: the whole window, nothing
//     started, about 11,000 renewals found (23 pages).
//
// Run it alone (seeding takes a while):
//
//	PAO_TEMPORAL_CLI=$PWD/.bin/temporal go run ./cmd/testenv -- go test -run '^$' -bench BenchmarkRenewalDiscovery -benchtime 20x ./activities/
func BenchmarkRenewalDiscovery(b *testing.B) {
	db := testenv.DB(b)
	today := utcToday()
	k := book{Sites: 100_000, Products: 10, Days: 3 * 365, First: today.AddDate(0, 0, -365)}
	start := time.Now()
	k.insert(b, db)
	b.Logf("seeded %d coverage rows in %s", k.rows(), time.Since(start).Round(time.Millisecond))
	d := &activities.Discovery{Deps: activities.Deps{DB: db}}
	ctx := context.Background()
	last := today.AddDate(0, 0, 121) // 120 days of verification, a day of lead

	pass := func(from, to time.Time) func(*testing.B) {
		return func(b *testing.B) {
			var found, pages int
			for b.Loop() {
				due, n, err := findAll(ctx, d, from, to, discovery.DefaultPageSize)
				if err != nil {
					b.Fatal(err)
				}
				found, pages = len(due), n
			}
			b.ReportMetric(float64(found), "renewals/op")
			b.ReportMetric(float64(pages), "pages/op")
		}
	}
	count := func(from, to time.Time) func(*testing.B) {
		return func(b *testing.B) {
			var n int
			for b.Loop() {
				if err := db.WithContext(ctx).Raw("SELECT count(*) FROM coverages WHERE end_date BETWEEN CAST(? AS date) AND CAST(? AS date)",
					from.Format(discovery.DateLayout), to.Format(discovery.DateLayout)).Scan(&n).Error; err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "rows/op")
		}
	}

	b.Run("day/discovery", pass(last, last))
	b.Run("day/count-baseline", count(last, last))
	b.Run("first/discovery", pass(today, last))
	b.Run("first/count-baseline", count(today, last))
	recordRenewals(b, db, today, last.AddDate(0, 0, -1))
	b.Run("daily/discovery", pass(today, last))
	b.Run("daily/count-baseline", count(today, last))
}
