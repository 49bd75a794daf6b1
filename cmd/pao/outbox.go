package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/mail"
)

// outbox lists the emails whose delivery failed, or makes them due again
// (docs/operations.md, "The outbox").
func outbox(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 || (args[0] != "failed" && args[0] != "resend") {
		return errors.New("outbox: pao outbox failed | pao outbox resend [--key KEY]...")
	}
	fs := flag.NewFlagSet("outbox "+args[0], flag.ContinueOnError)
	var keys roleList
	limit := 50
	if args[0] == "resend" {
		fs.Var(&keys, "key", "the outbox key of an unsent email to try again (repeatable; default: every given-up email)")
	} else {
		fs.IntVar(&limit, "limit", limit, "at most this many")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	gdb, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer func() { _ = db.Close(gdb) }()
	if args[0] == "resend" {
		n, err := mail.Resend(ctx, gdb, time.Now(), keys...)
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		fmt.Printf("%d email(s) due again; the worker's sender tries them within PAO_MAIL_POLL\n", n)
		return nil
	}
	rows, err := mail.Undelivered(ctx, gdb, limit)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KEY\tNOTICE\tQUEUED\tATTEMPTS\tNEXT ATTEMPT\tLAST ERROR")
	for _, r := range rows {
		next := r.NextAttemptAt.UTC().Format(time.RFC3339)
		if r.NextAttemptAt.Year() == 9999 {
			next = "given up"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%s\n", r.Key, r.Notice, r.CreatedAt.UTC().Format(time.RFC3339), r.Attempts, next, r.LastError)
	}
	return w.Flush()
}
