package testenv

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/pao/pao/internal/app"
	"github.com/pao/pao/internal/temporalx"
)

// TemporalCLI returns the pinned Temporal CLI the harness runs
// ($PAO_TEMPORAL_CLI, else .bin/temporal in the repo, built by `make`).
func TemporalCLI() (string, error) {
	if p := os.Getenv("PAO_TEMPORAL_CLI"); p != "" {
		return p, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, ".bin", "temporal")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("temporal CLI missing at %s: run `make temporal-cli` (make test does): %w", p, err)
	}
	return p, nil
}

// TemporalServer is a Temporal dev server owned by a test (or the test
// binary), with a file database so it can be stopped and restarted with its
// history intact.
type TemporalServer struct {
	Address string
	dir     string
	srv     *testsuite.DevServer
}

// StartTemporal starts a dev server on a free port with a file database in
// a temporary directory.
func StartTemporal(ctx context.Context) (*TemporalServer, error) {
	dir, err := os.MkdirTemp("", "pao-test-temporal-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	s := &TemporalServer{Address: fmt.Sprintf("127.0.0.1:%d", port), dir: dir}
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Start (re)starts the server on its address and database.
func (s *TemporalServer) Start(ctx context.Context) error {
	cli, err := TemporalCLI()
	if err != nil {
		return err
	}
	logf, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("temporal log: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	srv, err := app.StartTemporalDev(ctx, cli, filepath.Join(s.dir, "temporal.db"), s.Address, "default", 0, "", logf)
	if err != nil {
		return err
	}
	s.srv = srv
	return nil
}

// Stop stops the server, keeping its database.
func (s *TemporalServer) Stop() error {
	if s.srv == nil {
		return nil
	}
	err := s.srv.Stop()
	s.srv = nil
	if err != nil {
		return fmt.Errorf("stop temporal: %w", err)
	}
	return nil
}

// Close stops the server and removes its data.
func (s *TemporalServer) Close() error {
	err := s.Stop()
	if rerr := os.RemoveAll(s.dir); rerr != nil && err == nil {
		err = fmt.Errorf("remove temporal dir: %w", rerr)
	}
	return err
}

// TemporalAddress returns the address of the test binary's shared Temporal
// dev server, starting it if needed.
func TemporalAddress(t testing.TB) string {
	t.Helper()
	if a := os.Getenv(EnvTemporalAddress); a != "" {
		return a
	}
	servers.mu.Lock()
	defer servers.mu.Unlock()
	if servers.temporal != "" {
		return servers.temporal
	}
	s, err := StartTemporal(context.Background())
	if err != nil {
		t.Fatalf("start test temporal: %v", err)
	}
	servers.stops = append(servers.stops, func() { _ = s.Close() })
	servers.temporal = s.Address
	return s.Address
}

// OwnTemporal starts a dev server for this test alone (one it may stop and
// restart), closed when the test ends.
func OwnTemporal(t testing.TB) *TemporalServer {
	t.Helper()
	s, err := StartTemporal(context.Background())
	if err != nil {
		t.Fatalf("start temporal: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close temporal: %v", err)
		}
	})
	return s
}

// NewNamespace registers a fresh namespace with the project's search
// attributes on the server at address, so tests sharing a server never
// collide on business-key workflow IDs.
func NewNamespace(ctx context.Context, address string) (string, error) {
	c, err := client.DialContext(ctx, client.Options{HostPort: address, Logger: quietLogger()})
	if err != nil {
		return "", fmt.Errorf("connect to temporal: %w", err)
	}
	defer c.Close()
	ns := "pao-test-" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12]
	if _, err := c.WorkflowService().RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace: ns, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
	}); err != nil {
		return "", fmt.Errorf("register namespace: %w", err)
	}
	attrs := map[string]enumspb.IndexedValueType{}
	for _, k := range temporalx.SearchAttributeKeys {
		attrs[k.GetName()] = enumspb.INDEXED_VALUE_TYPE_KEYWORD
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: ns, SearchAttributes: attrs})
		if err == nil {
			return ns, nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("add search attributes to %s: %w", ns, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func quietLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}
