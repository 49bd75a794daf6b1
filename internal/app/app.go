// Package app composes the processes of the pao binary from their parts:
// the HTTP API server, the Temporal worker, and the local development stack
// (`pao dev`) that runs PostgreSQL, the Temporal dev server and both.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/activities"
	"github.com/pao/pao/api"
	"github.com/pao/pao/api/access"
	accountsapi "github.com/pao/pao/api/accounts"
	cartapi "github.com/pao/pao/api/cart"
	catalogapi "github.com/pao/pao/api/catalog"
	checkoutapi "github.com/pao/pao/api/checkout"
	"github.com/pao/pao/api/devmail"
	entitlementsapi "github.com/pao/pao/api/entitlements"
	noticesapi "github.com/pao/pao/api/notices"
	ordersapi "github.com/pao/pao/api/orders"
	"github.com/pao/pao/api/quotes"
	renewalsapi "github.com/pao/pao/api/renewals"
	reportsapi "github.com/pao/pao/api/reports"
	softwareapi "github.com/pao/pao/api/software"
	"github.com/pao/pao/api/support"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/metrics"
	"github.com/pao/pao/internal/payment"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/worker"
	"github.com/pao/pao/workflows/order"
)

// NewLogger returns the JSON logger at the configured level.
func NewLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(strings.ToUpper(level))) // validated by config
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// Runtime holds the connections a process shares: one database pool and one
// Temporal client per process.
type Runtime struct {
	Cfg      config.Config
	Log      *slog.Logger
	DB       *gorm.DB
	Temporal client.Client
	// Codec encrypts the payloads of Temporal (the client's, so the
	// worker's and the activities' too).
	Codec  *temporalx.Codec
	Tokens *auth.Tokens
	// Gateway is the payment processor chosen by PAO_PAYMENT_GATEWAY.
	Gateway payment.Gateway
	// Metrics is the process's Prometheus registry: the API serves it at
	// /metrics, the worker on PAO_WORKER_METRICS_ADDR (worker_metrics.go).
	Metrics *metrics.Metrics
	// WorkerMetricsReady, when set before RunWorker, is told the address
	// the worker's metrics listener is bound to (tests bind port 0).
	WorkerMetricsReady func(net.Addr)
}

// Connect opens the database and the Temporal client and checks that the
// namespace has the project's search attributes.
func Connect(ctx context.Context, cfg config.Config, log *slog.Logger) (_ *Runtime, err error) {
	m := metrics.New(log)
	defer func() {
		if err != nil {
			err = errors.Join(err, m.Close())
		}
	}()
	codec, err := NewCodec(cfg)
	if err != nil {
		return nil, err
	}
	gdb, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	tc, err := temporalx.Dial(ctx, cfg.TemporalAddress, cfg.TemporalNamespace, log, temporalx.WithCodec(codec), temporalx.WithMetrics(m.Temporal()))
	if err != nil {
		return nil, errors.Join(err, db.Close(gdb))
	}
	if err := temporalx.CheckSearchAttributes(ctx, tc, cfg.TemporalNamespace); err != nil {
		tc.Close()
		return nil, errors.Join(err, db.Close(gdb))
	}
	gw, err := newGateway(cfg, gdb)
	if err != nil {
		tc.Close()
		return nil, errors.Join(err, db.Close(gdb))
	}
	tokens, err := NewTokens(ctx, cfg, log)
	if err != nil {
		tc.Close()
		return nil, errors.Join(err, db.Close(gdb))
	}
	return &Runtime{
		Cfg: cfg, Log: log, DB: gdb, Temporal: tc, Codec: codec, Gateway: gw, Tokens: tokens, Metrics: m,
	}, nil
}

// newGateway builds the payment processor of the configuration.
func newGateway(cfg config.Config, gdb *gorm.DB) (payment.Gateway, error) {
	gw, err := payment.New(cfg.PaymentGateway, gdb, cfg.StripeSecretKey, cfg.StripeAPIURL)
	if err != nil {
		return nil, fmt.Errorf("payment gateway: %w", err)
	}
	return gw, nil
}

// Close releases the connections.
func (rt *Runtime) Close() error {
	rt.Tokens.Close()
	rt.Temporal.Close()
	return errors.Join(db.Close(rt.DB), rt.Metrics.Close())
}

// ActivityDeps are the dependencies handed to the activities.
func (rt *Runtime) ActivityDeps() activities.Deps {
	return activities.Deps{DB: rt.DB, Log: rt.Log, Temporal: rt.Temporal, TaskQueue: rt.Cfg.TaskQueue, Gateway: rt.Gateway}
}

// API builds the HTTP API: the shared machinery with every domain's
// handlers, each given only what it uses.
func (rt *Runtime) API() *api.Server {
	domains := []api.Domain{
		&accountsapi.Handlers{DB: rt.DB},
		&access.Handlers{DB: rt.DB, Temporal: rt.Temporal, TaskQueue: rt.Cfg.TaskQueue, Timers: access.Timers{
			RemindAfter: rt.Cfg.RequestRemindAfter, EscalateAfter: rt.Cfg.RequestEscalateAfter, ExpireAfter: rt.Cfg.RequestExpireAfter,
		}},
		&support.Handlers{DB: rt.DB},
		&catalogapi.Handlers{DB: rt.DB},
		&quotes.Handlers{DB: rt.DB, Temporal: rt.Temporal, TaskQueue: rt.Cfg.TaskQueue},
		&cartapi.Handlers{DB: rt.DB, Temporal: rt.Temporal},
		&checkoutapi.Handlers{DB: rt.DB, Gateway: rt.Gateway},
		&renewalsapi.Handlers{DB: rt.DB, Temporal: rt.Temporal},
		&noticesapi.Handlers{DB: rt.DB},
		&softwareapi.Handlers{DB: rt.DB, Secret: []byte(rt.Cfg.DownloadSecret), LinkTTL: rt.Cfg.DownloadLinkTTL},
		&reportsapi.Handlers{DB: rt.DB},
		&entitlementsapi.Handlers{DB: rt.DB},
		&ordersapi.Handlers{DB: rt.DB, Temporal: rt.Temporal, TaskQueue: rt.Cfg.TaskQueue, Gateway: rt.Gateway, Timers: order.Timers{
			PORemindAfter: rt.Cfg.OrderPORemindAfter, POExpireAfter: rt.Cfg.OrderPOExpireAfter, DeclinedExpireAfter: rt.Cfg.OrderDeclinedExpireAfter,
		}},
	}
	if rt.Cfg.DevMode {
		domains = append(domains, &devmail.Handlers{DB: rt.DB})
	}
	return api.New(api.Config{
		DB: rt.DB, Temporal: rt.Temporal, Tokens: rt.Tokens, Log: rt.Log,
		TaskQueue: rt.Cfg.TaskQueue, MaxBodyBytes: rt.Cfg.MaxBodyBytes, TrustedProxies: rt.Cfg.TrustedProxies,
		Metrics: rt.Metrics, RateLimits: rt.rateLimits(),
	}, domains...)
}

// scheduleTimeout bounds creating or updating the Schedules at start.
const scheduleTimeout = time.Minute

// RunWorker creates or updates the project's Temporal Schedules (the
// request reconciler, renewal discovery), then runs the Temporal worker
// and the outbox mail sender until ctx is done.
func (rt *Runtime) RunWorker(ctx context.Context) (err error) {
	stopMetrics, err := rt.serveWorkerMetrics(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopMetrics()) }()
	if err := rt.ensureSchedules(ctx); err != nil {
		return err
	}
	fatal := make(chan error, 1)
	w := worker.New(rt.Temporal, rt.Cfg.TaskQueue, rt.ActivityDeps(), func(err error) {
		select {
		case fatal <- err:
		default:
		}
	})
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watched := make(chan error, 1)
	go func() {
		select {
		case err := <-fatal:
			rt.Log.Error("worker stopped on a fatal error", "error", err)
			cancel()
			watched <- err
		case <-ctx.Done():
			watched <- nil
		}
	}()
	rt.Log.Info("worker polling", "task_queue", rt.Cfg.TaskQueue, "namespace", rt.Cfg.TemporalNamespace)
	sender := &mail.Sender{DB: rt.DB, Log: rt.Log, Poll: rt.Cfg.MailPoll, SMTP: mail.SMTPConfig{
		Host: rt.Cfg.SMTPHost, Port: rt.Cfg.SMTPPort, Username: rt.Cfg.SMTPUsername,
		Password: rt.Cfg.SMTPPassword, From: rt.Cfg.SMTPFrom, TLS: rt.Cfg.SMTPTLS,
	}}
	err = sender.Run(ctx)
	w.Stop()
	cancel()
	if fatalErr := <-watched; fatalErr != nil {
		return errors.Join(err, fmt.Errorf("worker: %w", fatalErr))
	}
	return err
}

// ensureSchedules creates or updates the Schedules the worker's workflows
// run on (idempotent: every worker does it when it starts).
func (rt *Runtime) ensureSchedules(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, scheduleTimeout)
	defer cancel()
	err := worker.EnsureSchedules(ctx, rt.Temporal, worker.Schedules{TaskQueue: rt.Cfg.TaskQueue, ReconcileEvery: rt.Cfg.RequestReconcileEvery,
		DiscoveryEvery: rt.Cfg.RenewalDiscoveryEvery, RenewalOffsets: rt.Cfg.RenewalOffsets(), DataConverter: rt.Codec.DataConverter()})
	if err != nil {
		return fmt.Errorf("worker schedules: %w", err)
	}
	return nil
}

// RunAPI serves the API on the configured address until ctx is done, then
// drains in-flight requests.
func (rt *Runtime) RunAPI(ctx context.Context, ready func(addr net.Addr)) error {
	ln, err := net.Listen("tcp", rt.Cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (PAO_HTTP_ADDR): %w", rt.Cfg.HTTPAddr, err)
	}
	srv := rt.API()
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	go srv.ListenForChanges(lctx, rt.Cfg.DatabaseURL)
	return Serve(ctx, ln, srv.Handler(), rt.Cfg.ShutdownTimeout, rt.Log, ready)
}

// Serve serves h on ln until ctx is done, then shuts down gracefully.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, drain time.Duration, log *slog.Logger, ready func(net.Addr)) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("api listening", "addr", ln.Addr().String())
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	return nil
}
