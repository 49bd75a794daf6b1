package e2e_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/testenv"
)

// BenchmarkOrderLatency measures, per iteration, the time from the order's
// submission (POST /v1/sites/:site/orders with a ready checkout, paid by
// card through the sandbox processor) to the order reading completed
// (paid, coverage extended, PoE issued, emails queued), and reports the
// median and p99 in milliseconds. In the same run, as the baseline, it
// reports the same percentiles of GET /v1/orders/:ref — one authenticated
// read of the order — so the order's own cost is read against the API's.
//
//	make bench   (or: go run ./cmd/testenv -- go test -run '^$' -bench OrderLatency -benchtime 300x ./internal/e2e/)
func BenchmarkOrderLatency(b *testing.B) {
	w := startWorld(b, nil, testenv.Options{})
	me := w.Token(alice)
	lat := make([]time.Duration, 0, b.N)
	reads := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if r := w.Do("POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 1}); r.Status != http.StatusCreated {
			b.Fatalf("add to cart = %d %s", r.Status, r.Body)
		}
		id := benchCheckout(b, w, me)
		b.StartTimer()
		start := time.Now()
		r := w.DoWithHeaders("POST", "/v1/sites/300001/orders", me, map[string]any{"checkout_id": id},
			map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i)})
		if r.Status != http.StatusCreated {
			b.Fatalf("order = %d %s", r.Status, r.Body)
		}
		var o orderDoc
		r.JSON(b, &o)
		for {
			g := w.Do("GET", "/v1/orders/"+o.Reference, me, nil)
			if strings.Contains(string(g.Body), `"status":"completed"`) {
				break
			}
			if time.Since(start) > 60*time.Second {
				b.Fatalf("order not completed: %s", g.Body)
			}
			time.Sleep(2 * time.Millisecond)
		}
		lat = append(lat, time.Since(start))
		b.StopTimer()
		t0 := time.Now()
		if g := w.Do("GET", "/v1/orders/"+o.Reference, me, nil); g.Status != http.StatusOK {
			b.Fatalf("read order = %d", g.Status)
		}
		reads = append(reads, time.Since(t0))
		b.StartTimer()
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, s := range []struct {
		name string
		d    []time.Duration
	}{{"order", lat}, {"read", reads}} {
		sort.Slice(s.d, func(i, j int) bool { return s.d[i] < s.d[j] })
		b.ReportMetric(ms(s.d[len(s.d)/2]), s.name+"-p50-ms")
		b.ReportMetric(ms(s.d[(len(s.d)*99)/100]), s.name+"-p99-ms")
	}
}

// benchCheckout is checkoutReady for a benchmark.
func benchCheckout(b *testing.B, w world, token string) int64 {
	b.Helper()
	do := func(method, path string, body any, want int, v any) {
		r := w.Do(method, path, token, body)
		if r.Status != want {
			b.Fatalf("%s %s = %d %s", method, path, r.Status, r.Body)
		}
		if v != nil {
			r.JSON(b, v)
		}
	}
	var co struct {
		ID int64 `json:"id"`
	}
	do("POST", "/v1/sites/300001/checkouts", nil, http.StatusCreated, &co)
	id := itoa(co.ID)
	party := map[string]any{"name": "Alice Anderson", "company": "Acme Corporation", "line1": "100 Congress Avenue",
		"city": "Austin", "postal_code": "78701", "country": "US", "email": "alice@acme.example.com", "phone": "+1 512 555 0101"}
	do("PUT", "/v1/checkouts/"+id+"/details", map[string]any{"billing": party, "shipping_same_as_billing": true}, http.StatusOK, nil)
	var terms struct {
		Version string `json:"version"`
	}
	do("GET", "/v1/terms/current", nil, http.StatusOK, &terms)
	do("POST", "/v1/checkouts/"+id+"/terms", map[string]any{"version": terms.Version, "agreement": "I agree"}, http.StatusOK, nil)
	do("PUT", "/v1/checkouts/"+id+"/payment", card(payment.TestCardVisa, "123"), http.StatusOK, nil)
	return co.ID
}
