package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/internal/metrics/metricstest"
	"github.com/pao/pao/internal/testenv"
)

// TestMetricsCountRequestsByRouteTemplate: after a few requests, the API's
// /metrics parses as the Prometheus text format and counts each request
// under its route template, method and status — a path parameter, an
// unmatched path or a query never becomes a label value.
func TestMetricsCountRequestsByRouteTemplate(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	tok := a.Token("metrics-reader@example.com")
	for range 2 {
		if r := a.Do("GET", "/v1/me", tok, nil); r.Status != http.StatusOK {
			t.Fatalf("GET /v1/me = %d %s", r.Status, r.Body)
		}
	}
	id := "7d3f1e0a-5b1c-4c2e-9f4e-0c1a2b3c4d5e"
	r := a.Do("GET", "/v1/nominations/"+id, tok, nil)
	a.Do("GET", "/v1/people/someone@example.com?email=someone@example.com", tok, nil)

	fams := metricstest.Scrape(t, a.URL+"/metrics")
	if n, _ := fams.Value("pao_http_requests_total", "route", "/v1/me", "method", "GET", "status", "200"); n != 2 {
		t.Errorf(`pao_http_requests_total{route="/v1/me",method="GET",status="200"} = %v, want 2`, n)
	}
	if n, _ := fams.Value("pao_http_request_duration_seconds", "route", "/v1/me", "method", "GET"); n != 2 {
		t.Errorf(`pao_http_request_duration_seconds_count{route="/v1/me"} = %v, want 2`, n)
	}
	status := http.StatusText(r.Status)
	if n, _ := fams.Value("pao_http_requests_total", "route", "/v1/nominations/:id", "method", "GET"); n != 1 {
		t.Errorf(`no count for route="/v1/nominations/:id" (answered %d %s)`, r.Status, status)
	}
	if n, _ := fams.Value("pao_http_requests_total", "route", "unmatched", "method", "GET", "status", "404"); n != 1 {
		t.Errorf(`pao_http_requests_total{route="unmatched",status="404"} = %v, want 1`, n)
	}
	for _, lv := range fams.LabelValues() {
		if strings.Contains(lv, "@") || strings.Contains(lv, id) || strings.Contains(lv, "people") {
			t.Errorf("a label carries request data: %s", lv)
		}
	}
}
