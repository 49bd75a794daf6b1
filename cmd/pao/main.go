// Command pao is the Passport Advantage backend: one binary whose
// subcommands run the HTTP API (serve), the Temporal worker (worker), the
// whole system locally (dev), the schema migrations (migrate), the demo data
// (seed), mint bearer tokens (token), start demos (demo), and serve the
// payload codec for Temporal UI (codec).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/pao/pao/internal/app"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/seed"
)

const usage = `usage: pao <command> [flags]

commands:
  serve     run the HTTP API
  worker    run the Temporal worker
  dev       run everything locally (PostgreSQL, Temporal dev server, worker, API)
  migrate   apply the database migrations
  seed      load the demo dataset (idempotent)
  token     mint a bearer token: pao token --user alice@acme.example.com [--role ibm-ops]
  demo      start a demo: pao demo renewal --site 300101 --due 10m (a renewal due in minutes)
  outbox    the emails that failed: pao outbox failed; pao outbox resend [--key KEY]... (default: every given-up one)
  codec     serve the payload codec for Temporal UI and the temporal CLI (PAO_CODEC_ADDR)
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pao:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Print(usage)
		return nil
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch args[0] {
	case "serve", "worker":
		if err := cfg.CheckProduction(); err != nil {
			return err
		}
		warnDevSettings(cfg, log)
	case "codec":
		if err := cfg.CheckCodec(); err != nil {
			return err
		}
		warnDevSettings(cfg, log)
	}
	switch args[0] {
	case "serve":
		rt, err := app.Connect(ctx, cfg, log)
		if err != nil {
			return err
		}
		return errors.Join(rt.RunAPI(ctx, nil), rt.Close())
	case "worker":
		rt, err := app.Connect(ctx, cfg, log)
		if err != nil {
			return err
		}
		return errors.Join(rt.RunWorker(ctx), rt.Close())
	case "dev":
		cfg.DevMode, cfg.AllowDevTokenSecret = true, true
		return app.Dev(ctx, cfg, log)
	case "migrate":
		gdb, err := db.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return err
		}
		return errors.Join(db.Migrate(ctx, gdb, log), db.Close(gdb))
	case "seed":
		gdb, err := db.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return err
		}
		sum, err := seed.Load(ctx, gdb, time.Now())
		var generated int
		if err == nil {
			generated, err = seed.LoadCatalog(ctx, gdb, seed.DemoCatalogSize)
		}
		if err == nil {
			log.Info("demo data loaded", "customers", sum.Customers, "sites", sum.Sites, "users", sum.Users, "products", sum.Products,
				"generated_products", generated, "coverages", sum.Coverages)
		}
		return errors.Join(err, db.Close(gdb))
	case "token":
		return token(cfg, args[1:])
	case "outbox":
		return outbox(ctx, cfg, args[1:])
	case "demo":
		return demo(ctx, cfg, log, args[1:])
	case "codec":
		return app.RunCodec(ctx, cfg, log, nil)
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

type roleList []string

func (r *roleList) String() string     { return strings.Join(*r, ",") }
func (r *roleList) Set(v string) error { *r = append(*r, v); return nil }

func token(cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	user := fs.String("user", "", "the user's email (the token subject)")
	ttl := fs.Duration("ttl", cfg.TokenTTL, "validity")
	var roles roleList
	fs.Var(&roles, "role", "IBM-side role: "+strings.Join(auth.StaffRoles, ", ")+" (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *user == "" {
		return errors.New("token: --user is required")
	}
	if cfg.JWKSMode() {
		return fmt.Errorf("token: %w", auth.ErrNoMinting)
	}
	t := auth.New(cfg.TokenSecret, cfg.TokenIssuer, cfg.TokenAudience, *ttl)
	s, err := t.Mint(*user, roles, time.Now())
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	fmt.Println(s)
	return nil
}
