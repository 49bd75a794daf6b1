package e2e_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

// BenchmarkApprovalLatency measures, per iteration, the time from the
// Primary's decision call to the granted privileges being visible in the
// requester's /v1/me (a fresh requester each time), and reports the median
// and p99 in milliseconds.
//
//	make bench   (or: go run ./cmd/testenv -- go test -run '^$' -bench ApprovalLatency -benchtime 300x ./internal/e2e/)
func BenchmarkApprovalLatency(b *testing.B) {
	w := startWorld(b, nil, testenv.Options{})
	primary := w.Token(alice)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		who := fmt.Sprintf("bench%d-%d@newcomer.example.com", time.Now().UnixNano(), i)
		tok := w.Token(who)
		r := w.Do("POST", "/v1/nominations", tok, map[string]string{
			"customer_number": "1000001", "site_number": "300001", "name": "Bench", "email": who,
			"company": "Acme", "phone": "+15125550100", "reason": "benchmark run",
		})
		if r.Status != http.StatusCreated {
			b.Fatalf("nominate = %d %s", r.Status, r.Body)
		}
		var v reqView
		r.JSON(b, &v)
		b.StartTimer()
		start := time.Now()
		r = w.Do("POST", "/v1/nominations/"+v.ID+"/decision", primary, map[string]any{
			"decision": "approve", "privileges": map[string]string{"software": "downloads"},
		})
		if r.Status != http.StatusOK {
			b.Fatalf("decide = %d %s", r.Status, r.Body)
		}
		for {
			me := w.Do("GET", "/v1/me", tok, nil)
			if strings.Contains(string(me.Body), `"software":"downloads"`) {
				break
			}
			if time.Since(start) > 30*time.Second {
				b.Fatalf("privileges not visible: %s", me.Body)
			}
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}
