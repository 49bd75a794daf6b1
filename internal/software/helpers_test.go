package software_test

import (
	"context"
	"net/http"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/software"
	"github.com/pao/pao/internal/testenv"
)

var ctx = context.Background()

// bigCatalogSize is the catalog the streaming test and the benchmark
// export.
const bigCatalogSize = 100_000

// bigCatalog is a database with the demo dataset and 100,000 generated
// products priced at every level in use (seed.LoadCatalog: set-based
// INSERT … SELECT over generate_series).
func bigCatalog(tb testing.TB) *gorm.DB {
	tb.Helper()
	db := testenv.DB(tb)
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	n, err := seed.LoadCatalog(ctx, db, bigCatalogSize)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("LoadCatalog(%d) took %s", n, time.Since(start).Round(time.Millisecond))
	return db
}

// sink is a response writer that counts and drops what it is sent, as a
// client reading the file as fast as it comes would.
type sink struct {
	header http.Header
	bytes  int64
	status int
}

func (s *sink) Header() http.Header {
	if s.header == nil {
		s.header = http.Header{}
	}
	return s.header
}
func (s *sink) Write(b []byte) (int, error) { s.bytes += int64(len(b)); return len(b), nil }
func (s *sink) WriteHeader(code int)        { s.status = code }

// opener is the open function of a price file written into s as the
// route writes it: api.StartCSV on a request for the site's price file.
func opener(tb testing.TB, s *sink) func() (software.RowWriter, error) {
	tb.Helper()
	gin.SetMode(gin.ReleaseMode)
	c, _ := gin.CreateTestContext(s)
	c.Request, _ = http.NewRequestWithContext(ctx, http.MethodGet, "/v1/sites/300001/price-file", nil)
	return func() (software.RowWriter, error) {
		return api.StartCSV(c, "price-list.csv", software.PriceFileHeader()...)
	}
}

// writePriceFile streams the price file of currency and level as the
// route does (api.StartCSV, software.WritePriceFile) into a sink; it
// returns the rows written and the sink.
func writePriceFile(tb testing.TB, db *gorm.DB, currency, level string) (rows int, s *sink) {
	tb.Helper()
	s = &sink{}
	n, err := software.WritePriceFile(ctx, db, currency, level, opener(tb, s), software.PriceFilePage)
	if err != nil {
		tb.Fatalf("WritePriceFile: %v", err)
	}
	return n, s
}

// heapUse is what measureHeap saw: the heap in use before (after a
// collection) and at its peak, the growth between them, and the bytes and
// objects allocated meanwhile.
type heapUse struct {
	base, peak         uint64
	growth             int64
	allocated, mallocs uint64
}

// measureHeap runs f while sampling the heap in use every few
// milliseconds.
func measureHeap(f func()) heapUse {
	// A tight collector target, so the heap in use follows what is live
	// rather than the garbage a default target (twice the live heap,
	// whatever earlier work left) lets pile up between collections.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var (
		mu   sync.Mutex
		peak = before.HeapInuse
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				mu.Lock()
				peak = max(peak, m.HeapInuse)
				mu.Unlock()
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak = max(peak, after.HeapInuse)
	return heapUse{base: before.HeapInuse, peak: peak, growth: int64(peak) - int64(before.HeapInuse),
		allocated: after.TotalAlloc - before.TotalAlloc, mallocs: after.Mallocs - before.Mallocs}
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
