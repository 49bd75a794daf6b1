package api_test

import (
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// TestDeeplyNestedBodiesAreRefusedQuickly: a body whose field holds arrays
// nested deeper than a JSON decoder accepts is refused with a 400 problem,
// and at once: a 20 KB or 50 KB body is no reason for the server to work
// for seconds or to hold hundreds of megabytes. POST /v1/nominations is
// tried because any signed-in user may call it; every body route shares
// api.Bind. The API runs in this test's process, alone (the test is not
// parallel), so the heap it grows while answering is measured here.
// (The depths stay modest on purpose: while the cost grows with the square
// of the depth, a 200 KB body of 100,000 levels keeps the server busy past
// its write timeout and needs gigabytes.)
func TestDeeplyNestedBodiesAreRefusedQuickly(t *testing.T) {
	a := startSeeded(t)
	tok := tokenFor(a, frank)
	const (
		budget     = 2 * time.Second
		heapBudget = 64 << 20
	)
	base := baseBodies["POST /v1/nominations"]()
	for _, depth := range []int{10001, 25000} {
		for _, field := range []string{"reason", "zz"} {
			var body string
			if field == "zz" {
				body = base.plus(`"zz"`, jraw(nested(depth))).String()
			} else {
				body = base.with(field, jraw(nested(depth))).String()
			}
			before := snapshot(t, a)
			var r testenv.Response
			start := time.Now()
			// Wait for the answer however long it takes, so the server's
			// work ends with the request.
			grew := heapGrowth(func() { r = send(a, "POST", "/v1/nominations", tok, body, 5*time.Minute) })
			took := time.Since(start)
			if msg := refusedStrangely(r, verdict{field: field, body: true}); msg != "" {
				t.Errorf("%q nested %d deep (%d KB) after %s: %s", field, depth, len(body)>>10, took.Round(time.Millisecond), msg)
			} else if r.Status != http.StatusBadRequest {
				t.Errorf("%q nested %d deep = %d, want 400", field, depth, r.Status)
			}
			if took > budget {
				t.Errorf("%q nested %d deep (%d KB): answered after %s, want within %s", field, depth, len(body)>>10, took.Round(time.Millisecond), budget)
			}
			if grew > heapBudget {
				t.Errorf("%q nested %d deep (%d KB): the heap grew by %d MB while answering, want at most %d MB", field, depth, len(body)>>10, grew>>20, heapBudget>>20)
			}
			assertUnchanged(t, a, before)
		}
	}
}

// heapGrowth runs f and returns how far the heap in use rose above where
// it stood before, sampled every few milliseconds.
func heapGrowth(f func()) uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapInuse, m.HeapInuse
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	if peak < base {
		return 0
	}
	return peak - base
}
