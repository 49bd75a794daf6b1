package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/metrics"
)

// rateLimits are the API's token buckets from the configuration.
func (rt *Runtime) rateLimits() api.RateLimits {
	c := rt.Cfg
	return api.RateLimits{
		IPPerSecond: c.RateIPRPS, IPBurst: c.RateIPBurst,
		UserPerSecond: c.RateUserRPS, UserBurst: c.RateUserBurst,
		SensitivePerMinute: c.RateSensitivePerMinute, SensitiveBurst: c.RateSensitiveBurst,
	}
}

// metricsShutdown bounds the worker's metrics listener's shutdown.
const metricsShutdown = 5 * time.Second

// serveWorkerMetrics adds the read-model gauges (the outbox, the
// processes by status) to the process's registry, and serves the registry
// at /metrics on PAO_WORKER_METRICS_ADDR (unless "off") for as long as the
// worker runs; stop ends both. In `pao dev` the API serves the same
// registry at its own /metrics.
func (rt *Runtime) serveWorkerMetrics(ctx context.Context) (stop func() error, err error) {
	unwatch, err := rt.Metrics.Watch(metrics.NewStore(rt.DB, rt.Log, metrics.StoreTimeout))
	if err != nil {
		return nil, err
	}
	if rt.Cfg.WorkerMetricsAddr == "off" {
		return func() error { unwatch(); return nil }, nil
	}
	ln, err := net.Listen("tcp", rt.Cfg.WorkerMetricsAddr)
	if err != nil {
		unwatch()
		return nil, fmt.Errorf("listen on %s (PAO_WORKER_METRICS_ADDR): %w", rt.Cfg.WorkerMetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", rt.Metrics.Handler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	rt.Log.Info("worker metrics listening", "addr", ln.Addr().String())
	if rt.WorkerMetricsReady != nil {
		rt.WorkerMetricsReady(ln.Addr())
	}
	return func() error {
		defer unwatch()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), metricsShutdown)
		defer cancel()
		err := srv.Shutdown(sctx)
		if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
			err = errors.Join(err, serr)
		}
		if err != nil {
			return fmt.Errorf("worker metrics listener: %w", err)
		}
		return nil
	}, nil
}
