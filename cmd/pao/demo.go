package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/app"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/internal/temporalx"
	"github.com/pao/pao/models"
)

const demoUsage = `usage: pao demo renewal --site 300101 [--due 10m] [--reset] [--follow]

Starts the renewal of a site's S&S coverage due in --due (1m to 720h), so
its whole calendar runs in minutes in make dev: the site's coverage is made
to end on the date of the due time (UTC) and renewal/<site>/<that date> is
started with the calendar scaled into --due (verification 90 %, quote and
notice 75 %, reminders 50 %, 25 % and 10 % before the due time; lapse at
it). It talks to the same PostgreSQL and Temporal as pao dev (DATABASE_URL,
else the dev stack's PostgreSQL; TEMPORAL_ADDRESS; PAO_TASK_QUEUE).
--reset replaces a renewal of the site already due that day; --follow
prints the renewal's steps until it ends.
`

// demo runs `pao demo <what>`.
func demo(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 || args[0] != "renewal" {
		fmt.Print(demoUsage)
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			return nil
		}
		return fmt.Errorf("demo: unknown demo %q", args[0])
	}
	fs := flag.NewFlagSet("demo renewal", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), demoUsage) }
	site := fs.String("site", "", "the site number (e.g. 300101)")
	due := fs.Duration("due", 10*time.Minute, "how long from now the renewal is due")
	reset := fs.Bool("reset", false, "replace a renewal of the site already due that day")
	follow := fs.Bool("follow", false, "print the renewal's steps until it ends")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *site == "" {
		return errors.New("demo renewal: --site is required")
	}
	if *due < renewals.MinDemoDue || *due > renewals.MaxDemoDue {
		return fmt.Errorf("demo renewal: --due %s: must be from %s to %s", *due, renewals.MinDemoDue, renewals.MaxDemoDue)
	}
	if cfg.DatabaseURL == "" {
		cfg.DatabaseURL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/pao?sslmode=disable", app.DevPostgresPort)
	}
	gdb, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close(gdb) }()
	codec, err := app.NewCodec(cfg)
	if err != nil {
		return err
	}
	tc, err := temporalx.Dial(ctx, cfg.TemporalAddress, cfg.TemporalNamespace, log, temporalx.WithCodec(codec))
	if err != nil {
		return err
	}
	defer tc.Close()

	now := time.Now()
	d, err := renewals.StartDemo(ctx, gdb, tc, renewals.DemoOptions{TaskQueue: cfg.TaskQueue, Site: *site, Due: *due, Reset: *reset, Now: now})
	if err != nil {
		return fmt.Errorf("demo renewal: %w", err)
	}
	printDemo(cfg, d, now)
	if !*follow {
		return nil
	}
	return followDemo(ctx, gdb, d)
}

func printDemo(cfg config.Config, d renewals.Demo, now time.Time) {
	if d.Replaced != "" {
		fmt.Printf("replaced the renewal that was %s\n", d.Replaced)
	}
	fmt.Printf("started %s (run %s), due %s (in %s)\n", d.WorkflowID, d.RunID, d.DueAt.Format(time.DateTime+" MST"),
		d.DueAt.Sub(now).Round(time.Second))
	fmt.Printf("the site's coverage (%d lines) now ends on %s\n\ncalendar (UTC):\n", d.CoverageLines, d.DueAt.Format(time.DateOnly))
	for _, s := range d.Calendar {
		fmt.Printf("  %s  %s\n", s.At.UTC().Format(time.TimeOnly), s.Name)
	}
	fmt.Printf("\nwatch it:\n")
	if d.PrimaryEmail != "" {
		fmt.Printf("  export TOKEN=$(pao token --user %s)   # the site's Primary Contact\n", d.PrimaryEmail)
	}
	fmt.Printf("  GET /v1/renewals                      what awaits the caller\n")
	fmt.Printf("  GET /v1/renewals/%s   the quote screen (its RQ- number once quoted)\n", d.Reference)
	fmt.Printf("  POST /v1/renewals/%s/verify-contacts\n", d.Reference)
	fmt.Printf("  GET /v1/dev/mail                      the notices (as each recipient)\n")
	fmt.Printf("  Temporal UI  http://127.0.0.1:%d/namespaces/%s/workflows/%s\n", app.DevUIPort, cfg.TemporalNamespace,
		url.PathEscape(d.WorkflowID))
}

// followDemo prints each change of the renewal's row until it is final.
func followDemo(ctx context.Context, gdb *gorm.DB, d renewals.Demo) error {
	last := ""
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		var r struct {
			Status, Channel, QuoteNumber, ContactsVerifiedBy, ClosedReason string
			RemindersSent, SkippedSteps                                    string
		}
		err := gdb.WithContext(ctx).Raw(`SELECT status, channel, quote_number, contacts_verified_by, closed_reason,
			array_to_string(reminders_sent, ',') AS reminders_sent, array_to_string(skipped_steps, ',') AS skipped_steps
			FROM renewals WHERE workflow_id = ?`, d.WorkflowID).Scan(&r).Error
		if err != nil && ctx.Err() == nil {
			return fmt.Errorf("follow %s: %w", d.WorkflowID, err)
		}
		if r.Status != "" {
			parts := []string{r.Status, "channel " + r.Channel}
			for _, p := range []struct{ k, v string }{{"quote", r.QuoteNumber}, {"verified by", r.ContactsVerifiedBy},
				{"reminders", r.RemindersSent}, {"skipped", r.SkippedSteps}, {"closed", r.ClosedReason}} {
				if p.v != "" {
					parts = append(parts, p.k+" "+p.v)
				}
			}
			if line := strings.Join(parts, ", "); line != last {
				fmt.Printf("%s  %s\n", time.Now().UTC().Format(time.TimeOnly), line)
				last = line
			}
			if models.RenewalStatus(r.Status).Final() {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
