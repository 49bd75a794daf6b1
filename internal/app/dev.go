package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"golang.org/x/sync/errgroup"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/pgserver"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/temporalx"
)

// DevPostgresPort is the port of the PostgreSQL that `pao dev` starts when
// DATABASE_URL is not set.
const DevPostgresPort = 54329

// DevUIPort is the Temporal UI port in `pao dev`.
const DevUIPort = 8233

// StartTemporalDev starts the pinned Temporal CLI dev server with a file
// database in WAL mode and the project's search attributes registered; its
// UI (when uiPort > 0) decodes payloads through uiCodecEndpoint, if set.
func StartTemporalDev(ctx context.Context, cli, dbFile, hostPort, namespace string, uiPort int, uiCodecEndpoint string, logTo *os.File) (*testsuite.DevServer, error) {
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("temporal CLI not found at %s (PAO_TEMPORAL_CLI); run `make temporal-cli`: %w", cli, err)
	}
	opts := testsuite.DevServerOptions{
		ExistingPath:     cli,
		ClientOptions:    &client.Options{HostPort: hostPort, Namespace: namespace},
		DBFilename:       dbFile,
		LogLevel:         "warn",
		SearchAttributes: temporalx.SearchAttributeDefaults(),
		ExtraArgs:        []string{"--sqlite-pragma", "journal_mode=WAL", "--sqlite-pragma", "synchronous=NORMAL"},
	}
	if uiPort > 0 {
		opts.EnableUI = true
		opts.UIPort = strconv.Itoa(uiPort)
		if uiCodecEndpoint != "" {
			opts.ExtraArgs = append(opts.ExtraArgs, "--ui-codec-endpoint", uiCodecEndpoint)
		}
	}
	if logTo != nil {
		opts.Stdout, opts.Stderr = logTo, logTo
	}
	srv, err := testsuite.StartDevServer(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("start temporal dev server: %w", err)
	}
	return srv, nil
}

// Dev runs the whole system locally: Temporal dev server, PostgreSQL (unless
// DATABASE_URL is set), migrations, demo data, worker and API, until ctx is
// done; then it stops everything it started.
func Dev(ctx context.Context, cfg config.Config, log *slog.Logger) (err error) {
	started := time.Now()
	// The development setup trusts its public secrets: unless an address
	// names its host, the API and the worker's metrics listen on the
	// loopback only, like everything else `pao dev` starts.
	cfg.HTTPAddr, cfg.WorkerMetricsAddr = loopback(cfg.HTTPAddr), loopback(cfg.WorkerMetricsAddr)
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return fmt.Errorf("data dir %s (PAO_DATA_DIR): %w", cfg.DataDir, err)
	}
	var stops []func() error
	defer func() {
		for i := len(stops) - 1; i >= 0; i-- {
			err = errors.Join(err, stops[i]())
		}
	}()

	pgNote := "" // where the PostgreSQL we started keeps its data, for the banner
	if cfg.DatabaseURL == "" {
		pg, err := pgserver.Start(ctx, filepath.Join(cfg.DataDir, "pg"), DevPostgresPort)
		if err != nil {
			return err
		}
		stops = append(stops, func() error { log.Info("stopping postgres"); return pg.Stop(context.WithoutCancel(ctx)) })
		if err := pgserver.EnsureDatabase(ctx, pg.URL("postgres"), "pao"); err != nil {
			return err
		}
		cfg.DatabaseURL = pg.URL("pao")
		pgNote = "data in " + pg.Dir
		if pg.Relocated() {
			// The postgres user cannot enter the checkout (e.g. it lies in
			// root's mode-700 home), so the cluster lives outside it.
			pgNote += fmt.Sprintf(", linked from %s: the postgres user cannot reach the checkout; `make clean` removes both", pg.Configured)
			log.Info("postgres data kept outside the checkout", "dir", pg.Dir, "link", pg.Configured,
				"why", "the postgres user cannot reach the configured data dir (a parent directory is private)")
		}
		log.Info("postgres ready", "url", cfg.DatabaseURL, "dir", pg.Dir)
	}

	tlog, err := os.OpenFile(filepath.Join(cfg.DataDir, "temporal.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("temporal log: %w", err)
	}
	stops = append(stops, tlog.Close)
	dbFile, err := filepath.Abs(filepath.Join(cfg.DataDir, "temporal.db"))
	if err != nil {
		return fmt.Errorf("temporal db path: %w", err)
	}
	ts, err := StartTemporalDev(ctx, cfg.TemporalCLI, dbFile, cfg.TemporalAddress, cfg.TemporalNamespace, DevUIPort, codecEndpoint(cfg.CodecAddr), tlog)
	if err != nil {
		return err
	}
	stops = append(stops, func() error {
		log.Info("stopping temporal dev server")
		if err := ts.Stop(); err != nil && ctx.Err() == nil {
			return fmt.Errorf("stop temporal: %w", err)
		}
		return nil
	})

	// A local SMTP sink receives what the outbox sender delivers; the
	// messages land in .data/mail as .eml files.
	sink := &mail.Sink{Dir: filepath.Join(cfg.DataDir, "mail")}
	if err := sink.Start(net.JoinHostPort(cfg.SMTPHost, strconv.Itoa(cfg.SMTPPort))); err != nil {
		return fmt.Errorf("%w (PAO_SMTP_HOST/PAO_SMTP_PORT)", err)
	}
	stops = append(stops, sink.Close)

	rt, err := Connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	stops = append(stops, rt.Close)
	if err := db.Migrate(ctx, rt.DB, log); err != nil {
		return err
	}
	sum, err := seed.Load(ctx, rt.DB, time.Now())
	if err != nil {
		return err
	}
	products, err := seed.LoadCatalog(ctx, rt.DB, seed.DemoCatalogSize)
	if err != nil {
		return err
	}
	log.Info("demo data loaded", "customers", sum.Customers, "sites", sum.Sites, "users", sum.Users, "generated_products", products)

	// The codec server Temporal UI decodes payloads through.
	clog := log.With("server", "codec")
	codecHandler, err := CodecHandler(cfg, rt.Codec, rt.Tokens, clog)
	if err != nil {
		return err
	}
	codecLn, err := net.Listen("tcp", cfg.CodecAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (PAO_CODEC_ADDR): %w", cfg.CodecAddr, err)
	}

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return Serve(gctx, codecLn, codecHandler, cfg.ShutdownTimeout, clog, nil) })
	g.Go(func() error { return rt.RunWorker(gctx) })
	g.Go(func() error {
		return rt.RunAPI(gctx, func(addr net.Addr) {
			printBanner(rt, addr, time.Since(started), pgNote)
		})
	})
	return g.Wait()
}

// loopback puts a listen address without a host (":8080") on 127.0.0.1;
// one that names a host, or "off", is kept.
func loopback(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && host == "" {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}

// printBanner prints where everything is; pgNote says where the PostgreSQL
// that `pao dev` started keeps its data ("" when DATABASE_URL was given).
func printBanner(rt *Runtime, addr net.Addr, took time.Duration, pgNote string) {
	port := addr.(*net.TCPAddr).Port
	fmt.Printf("\n  pao dev is up (%s)\n\n", took.Round(100*time.Millisecond))
	fmt.Printf("  API          http://127.0.0.1:%d   (try /readyz)\n", port)
	if host, wport, err := net.SplitHostPort(rt.Cfg.WorkerMetricsAddr); err == nil {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		fmt.Printf("  Metrics      http://127.0.0.1:%d/metrics   (the worker's: http://%s/metrics)\n", port, net.JoinHostPort(host, wport))
	} else {
		fmt.Printf("  Metrics      http://127.0.0.1:%d/metrics\n", port)
	}
	fmt.Printf("  Temporal UI  http://127.0.0.1:%d/namespaces/%s/workflows\n", DevUIPort, rt.Cfg.TemporalNamespace)
	fmt.Printf("  Codec        %s   (the UI decodes payloads through it; stored history is encrypted)\n", codecEndpoint(rt.Cfg.CodecAddr))
	if pgNote != "" {
		fmt.Printf("  PostgreSQL   %s   (%s)\n", rt.Cfg.DatabaseURL, pgNote)
	}
	if rt.Cfg.DevMode {
		fmt.Printf("  Your mail    http://127.0.0.1:%d/v1/dev/mail (with your token; .eml files in .data/mail)\n", port)
	}
	// The first persona is the demo Primary Contact; `pao token` mints others.
	u := seed.DemoUsers()[0]
	if tok, err := rt.Tokens.Mint(u.Email, u.Roles, time.Now()); err != nil {
		rt.Log.Error("mint demo token", "email", u.Email, "error", err)
	} else {
		fmt.Printf("\n  %s: %s\n  export TOKEN=%s\n", u.Email, u.Description, tok)
	}
	fmt.Printf("\n  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:%d/v1/me\n\n  Ctrl-C stops everything.\n\n", port)
}

// codecEndpoint is the URL the browser reaches the codec server at, for
// its listen address (an unspecified host is this machine).
func codecEndpoint(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "" // validated by config
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
