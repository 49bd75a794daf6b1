package app_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/metrics/metricstest"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// TestWorkerMetricsListenerServesTheSDKAndReadModelMetrics: the worker's
// own listener (PAO_WORKER_METRICS_ADDR) serves, once a nomination's
// workflow has run, the Temporal SDK's worker and client metrics for the
// task queue and the nomination among the pending access requests.
func TestWorkerMetricsListenerServesTheSDKAndReadModelMetrics(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true, Env: map[string]string{"PAO_WORKER_METRICS_ADDR": "127.0.0.1:0"}})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	bound := make(chan net.Addr, 1)
	a.Runtime.WorkerMetricsReady = func(addr net.Addr) { bound <- addr }
	a.StartWorker()
	var url string
	select {
	case addr := <-bound:
		url = "http://" + addr.String() + "/metrics"
	case <-time.After(time.Minute):
		t.Fatal("the worker's metrics listener did not start")
	}
	who := "metrics-newcomer@example.com"
	if r := a.Do("POST", "/v1/nominations", a.Token(who), map[string]string{
		"customer_number": "1000001", "site_number": "300001", "name": "Mia Metrics", "email": who,
		"company": "Acme Corporation", "phone": "+15125550100", "reason": "I watch the dashboards",
	}); r.Status != http.StatusCreated {
		t.Fatalf("nominate = %d %s", r.Status, r.Body)
	}

	// The SDK's label values are sanitized for Prometheus (tally): "-" is "_".
	queue := strings.ReplaceAll(a.Runtime.Cfg.TaskQueue, "-", "_")
	deadline := time.Now().Add(30 * time.Second)
	for {
		fams := metricstest.Scrape(t, url)
		tasks := fams.Sum("temporal_workflow_task_execution_latency_seconds", "task_queue", queue, "workflow_type", "AccessRequest")
		requests := fams.Sum("temporal_request_total")
		pending, _ := fams.Value("pao_access_requests", "kind", "nomination", "status", "pending")
		if tasks > 0 && requests > 0 && pending == 1 {
			return
		}
		if time.Now().After(deadline) {
			var names []string
			for n := range fams {
				names = append(names, n)
			}
			t.Fatalf("after 30 s: workflow tasks %v, client requests %v, pending nominations %v; families: %s",
				tasks, requests, pending, strings.Join(names, " "))
		}
		time.Sleep(300 * time.Millisecond)
	}
}
