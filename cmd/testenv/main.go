// Command testenv starts one PostgreSQL and one Temporal dev server in
// temporary directories on free ports, runs the given command with
// PAO_TEST_DATABASE_URL and PAO_TEST_TEMPORAL_ADDRESS pointing at them, and
// removes everything afterwards. `make test` runs `go test ./...` under it
// so every package shares one pair of servers. Servers already named by
// those variables are used as they are.
//
//	go run ./cmd/testenv -- go test ./...
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/pao/pao/internal/testenv"
)

func main() {
	code, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

func run(args []string) (int, error) {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		return 2, errors.New("usage: testenv -- command [args...]")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if os.Getenv(testenv.EnvDatabaseURL) == "" {
		url, stopPG, dir, err := testenv.StartPostgres(ctx)
		if err != nil {
			return 1, err
		}
		defer func() { stopPG(); _ = os.RemoveAll(dir) }()
		os.Setenv(testenv.EnvDatabaseURL, url)
		fmt.Fprintln(os.Stderr, "testenv: postgres at", url)
	}
	if os.Getenv(testenv.EnvTemporalAddress) == "" {
		ts, err := testenv.StartTemporal(ctx)
		if err != nil {
			return 1, err
		}
		defer func() { _ = ts.Close() }()
		os.Setenv(testenv.EnvTemporalAddress, ts.Address)
		fmt.Fprintln(os.Stderr, "testenv: temporal at", ts.Address)
	}

	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 1, fmt.Errorf("run %s: %w", args[0], err)
	}
	return 0, nil
}
