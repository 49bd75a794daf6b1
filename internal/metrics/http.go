package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Unmatched is the route label of a request that matched no route: the
// raw path is never a label (it may carry an email, and it is unbounded).
const Unmatched = "unmatched"

// HTTP are the API's request instruments, labelled by route template.
type HTTP struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	limited  *prometheus.CounterVec
}

func newHTTP(reg prometheus.Registerer) *HTTP {
	h := &HTTP{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests answered, by route template (\"unmatched\" when no route matched), method and status code.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template and method.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: Namespace, Subsystem: "http", Name: "requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "http", Name: "rate_limited_total",
			Help: "Requests refused with 429, by the bucket that was empty (ip, user, sensitive).",
		}, []string{"bucket"}),
	}
	reg.MustRegister(h.requests, h.duration, h.inFlight, h.limited)
	return h
}

// Start counts a request in flight; the returned function observes it
// when answered. route is the route template ("" for none).
func (h *HTTP) Start() func(route, method string, status int) {
	start := time.Now()
	h.inFlight.Inc()
	return func(route, method string, status int) {
		h.inFlight.Dec()
		if route == "" {
			route = Unmatched
		}
		m := Method(method)
		h.requests.WithLabelValues(route, m, statusLabel(status)).Inc()
		h.duration.WithLabelValues(route, m).Observe(time.Since(start).Seconds())
	}
}

// Limited counts a 429 from bucket (ip, user or sensitive).
func (h *HTTP) Limited(bucket string) { h.limited.WithLabelValues(bucket).Inc() }

// Method is the method label: a standard method, or "other" (a client can
// send any token as a method).
func Method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

func statusLabel(s int) string {
	if s < 100 || s > 599 {
		return "other"
	}
	return strconv.Itoa(s)
}
