// Package metrics is the Prometheus instrumentation of a pao process: one
// registry per process (never the global default), holding the HTTP
// metrics of the API, the Temporal SDK's metrics of the process's client
// and workers (through the SDK's tally handler), and — in a process that
// runs the worker — gauges read from the database at scrape time (the
// email outbox and the business processes by status).
//
// Label values are fixed enums only (route templates, methods, status
// codes, process statuses): never a path, a query, an email or a number
// that names a customer.
package metrics

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
)

// Namespace prefixes the project's own metrics (the SDK's are temporal_*).
const Namespace = "pao"

// Metrics is one process's registry and the instruments fed into it.
type Metrics struct {
	reg      *prometheus.Registry
	log      *slog.Logger
	http     *HTTP
	temporal *temporalScope
}

// New makes the process's registry with the Go runtime and process
// collectors, the HTTP instruments and the Temporal SDK handler. Close
// stops the SDK handler's reporting loop.
func New(log *slog.Logger) *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return &Metrics{reg: reg, log: log, http: newHTTP(reg), temporal: newTemporalScope(reg, log)}
}

// Registry is the process's registry (tests gather it directly).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// HTTP are the API's request instruments.
func (m *Metrics) HTTP() *HTTP { return m.http }

// Temporal is the SDK metrics handler for client.Options.MetricsHandler:
// the client's requests and every worker built on the client report here.
func (m *Metrics) Temporal() client.MetricsHandler { return m.temporal.handler }

// scrapeTimeout bounds one scrape of the registry.
const scrapeTimeout = 10 * time.Second

// Handler serves the registry in the Prometheus text format. A collector
// that fails is logged and left out; the rest of the scrape is served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      slogPrinter{m.log},
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.reg,
		Timeout:       scrapeTimeout,
	})
}

// Watch registers c until the returned function is called (the worker's
// read-model gauges live as long as the worker runs).
func (m *Metrics) Watch(c prometheus.Collector) (func(), error) {
	if err := m.reg.Register(c); err != nil {
		var already prometheus.AlreadyRegisteredError
		if errors.As(err, &already) {
			return func() {}, nil // another run on this process registered the same gauges
		}
		return nil, fmt.Errorf("register metrics collector: %w", err)
	}
	return func() { m.reg.Unregister(c) }, nil
}

// Close stops the Temporal SDK handler's reporting loop.
func (m *Metrics) Close() error {
	return m.temporal.close()
}

// slogPrinter adapts slog to promhttp's error logger.
type slogPrinter struct{ log *slog.Logger }

func (p slogPrinter) Println(v ...any) {
	p.log.Warn("metrics scrape", "error", fmt.Sprint(v...))
}
