package metrics

import (
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uber-go/tally/v4"
	tallyprom "github.com/uber-go/tally/v4/prometheus"
	"go.temporal.io/sdk/client"
	sdktally "go.temporal.io/sdk/contrib/tally"
)

// temporalReportEvery is how often tally hands the SDK's counters and
// gauges to the Prometheus registry (timers are recorded at once).
const temporalReportEvery = time.Second

// temporalScope is the SDK's tally scope, reporting into the registry with
// Prometheus names (temporal_request_total, temporal_workflow_task_
// execution_latency_seconds, …) and histograms for timers.
type temporalScope struct {
	handler client.MetricsHandler
	closer  io.Closer
}

func newTemporalScope(reg *prometheus.Registry, log *slog.Logger) *temporalScope {
	reporter := tallyprom.NewReporter(tallyprom.Options{
		Registerer:       reg,
		DefaultTimerType: tallyprom.HistogramTimerType,
		DefaultHistogramBuckets: []float64{
			.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60,
		},
		// The reporter panics on a registration conflict by default; a
		// metric the SDK emits with another tag set is logged and dropped.
		OnRegisterError: func(err error) {
			log.Warn("temporal metric not registered", "error", err)
		},
	})
	scope, closer := tally.NewRootScope(tally.ScopeOptions{
		CachedReporter:         reporter,
		Separator:              tallyprom.DefaultSeparator,
		SanitizeOptions:        &sdktally.PrometheusSanitizeOptions,
		OmitCardinalityMetrics: true,
	}, temporalReportEvery)
	scope = sdktally.NewPrometheusNamingScope(scope)
	return &temporalScope{handler: sdktally.NewMetricsHandler(scope), closer: closer}
}

func (t *temporalScope) close() error {
	if err := t.closer.Close(); err != nil {
		return fmt.Errorf("stop temporal metrics: %w", err)
	}
	return nil
}
