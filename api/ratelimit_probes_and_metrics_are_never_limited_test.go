package api_test

import (
	"net/http"
	"testing"
)

// TestRateLimitProbesAndMetricsAreNeverLimited: a load balancer polling
// /healthz and /readyz and Prometheus scraping /metrics from one address
// are not refused when that address's bucket is empty.
func TestRateLimitProbesAndMetricsAreNeverLimited(t *testing.T) {
	a := startLimited(t, map[string]string{"PAO_RATE_IP_RPS": "0.01", "PAO_RATE_IP_BURST": "1"})
	a.Do("GET", "/v1/me", "", nil)
	mustBeRateLimited(t, a.Do("GET", "/v1/me", "", nil))
	for range 3 {
		for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
			if r := a.Do("GET", path, "", nil); r.Status == http.StatusTooManyRequests {
				t.Errorf("GET %s = 429", path)
			}
		}
	}
}
