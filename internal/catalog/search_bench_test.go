package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// benchShape is a kind of search; query(i) varies the words and filters
// from one iteration to the next, as different customers would.
type benchShape struct {
	name  string
	query func(i int) catalog.Query
}

func pick[T any](xs []T, i int) T { return xs[i%len(xs)] }

var (
	benchWords = []string{"websph", "db2", "maxim", "instan", "sterl", "aspera", "cogno", "qradar", "guardi", "turbon", "filenet", "informix"}
	benchPairs = []string{"db2 adv", "websphere liberty", "mq applian", "cloud pak integr", "storage prot", "planning anal", "app conn ent", "api conn"}
	benchCats  = []string{"Data & AI", "Security", "Automation", "Infrastructure", "Integration", "Storage", "Asset Management", "Sustainability"}
)

// benchShapes are the searches a catalog page makes: words typed so far,
// two words, a word within a category or licence type, a filter alone,
// both filters, browsing, and the third page of a word. "broad word" is a
// word three products in four hold, ranked over most of the catalog: the
// worst case, reported apart.
var benchShapes = []benchShape{
	{"prefix", func(i int) catalog.Query { return catalog.Query{Text: pick(benchWords, i)} }},
	{"two-words", func(i int) catalog.Query { return catalog.Query{Text: pick(benchPairs, i)} }},
	{"word+category", func(i int) catalog.Query {
		return catalog.Query{Text: pick([]string{"advanced", "enterprise", "virtual", "user"}, i), Category: pick(benchCats, i)}
	}},
	{"word+licence", func(i int) catalog.Query {
		return catalog.Query{Text: pick(benchWords, i), LicenseType: pick(models.LicenseTypes, i)}
	}},
	{"category", func(i int) catalog.Query { return catalog.Query{Category: pick(benchCats, i)} }},
	{"licence-type", func(i int) catalog.Query { return catalog.Query{LicenseType: pick(models.LicenseTypes, i)} }},
	{"category+licence", func(i int) catalog.Query {
		return catalog.Query{Category: pick(benchCats, i), LicenseType: pick(models.LicenseTypes, i/len(benchCats))}
	}},
	{"browse", func(int) catalog.Query { return catalog.Query{} }},
	{"prefix-page-3", func(i int) catalog.Query { return catalog.Query{Text: pick(benchWords, i), PageToken: "page 3"} }},
	{"broad-word", func(i int) catalog.Query {
		return catalog.Query{Text: pick([]string{"support", "subscription", "sw"}, i)}
	}},
}

// BenchmarkCatalogSearch reports the latency of catalog.Search (one page
// of 20, priced for a USD site at level E) over 100,000 products, p50 and
// p99 per shape (target: p99 under 20 ms), from b.N searches each.
func BenchmarkCatalogSearch(b *testing.B) {
	db := bigCatalog(b)
	// The third page's token of each word, fetched once.
	page3 := map[string]string{}
	for _, w := range benchWords {
		q := catalog.Query{Text: w, Limit: 20, Currency: "USD", PriceLevel: "E"}
		for range 2 {
			p, err := catalog.Search(ctx, db, q)
			if err != nil || p.NextPageToken == "" {
				b.Fatalf("pages of %q: %v", w, err)
			}
			q.PageToken = p.NextPageToken
		}
		page3[w] = q.PageToken
	}
	for _, s := range benchShapes {
		b.Run(s.name, func(b *testing.B) {
			query := func(i int) catalog.Query {
				q := s.query(i)
				if q.PageToken != "" {
					q.PageToken = page3[q.Text]
				}
				q.Limit, q.Currency, q.PriceLevel = 20, "USD", "E"
				return q
			}
			for i := range 20 { // warm the pool's connections and caches
				if _, err := catalog.Search(ctx, db, query(i)); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := query(i)
				start := time.Now()
				p, err := catalog.Search(ctx, db, q)
				lat = append(lat, time.Since(start))
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("%+v: %d items, %v", q, len(p.Items), err)
				}
			}
			b.StopTimer()
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			if b.N >= 100 {
				b.Logf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d searches", s.name, pct(0.50), pct(0.99),
					float64(lat[len(lat)-1].Microseconds())/1000, len(lat))
			}
		})
	}
}
