// Package testenv is the test harness: real PostgreSQL and a real Temporal
// dev server for tests, an isolated migrated database per test, and the API
// and worker in process on free ports, with the worker and a dedicated dev
// server that a test can stop and restart.
//
// Servers are started once per test binary, lazily, unless
// PAO_TEST_DATABASE_URL / PAO_TEST_TEMPORAL_ADDRESS name existing ones
// (`make test` starts one pair for all packages through cmd/testenv).
// Packages that use the harness call testenv.Main from TestMain so the
// servers they started are stopped when the package's tests end.
package testenv

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/db"
	"github.com/pao/pao/internal/pgserver"
	"github.com/pao/pao/migrations"
)

// Environment variables naming existing servers.
const (
	EnvDatabaseURL     = "PAO_TEST_DATABASE_URL"
	EnvTemporalAddress = "PAO_TEST_TEMPORAL_ADDRESS"
)

// servers are the per-test-binary shared servers. This is the harness's one
// piece of process-wide state: a test binary shares one PostgreSQL and one
// Temporal dev server between its tests, started on first use.
var servers struct {
	mu        sync.Mutex
	adminURL  string
	temporal  string
	stops     []func()
	tempDirs  []string
	startErrs []error
}

// Main runs the package's tests and stops the servers they started.
func Main(m *testing.M) {
	code := m.Run()
	address := os.Getenv(EnvTemporalAddress)
	servers.mu.Lock()
	if servers.temporal != "" {
		address = servers.temporal
	}
	servers.mu.Unlock()
	code = checkWorkflowIDs(code, address)
	servers.mu.Lock()
	for i := len(servers.stops) - 1; i >= 0; i-- {
		servers.stops[i]()
	}
	for _, d := range servers.tempDirs {
		_ = os.RemoveAll(d)
	}
	servers.mu.Unlock()
	os.Exit(code)
}

// RepoRoot finds the module root (the directory holding go.mod).
func RepoRoot() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("cannot locate testenv source")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..")), nil
}

// FreePort returns a free TCP port on 127.0.0.1.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// PostgresAdminURL returns the URL of a maintenance database on the test
// PostgreSQL server, starting one if needed.
func PostgresAdminURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(EnvDatabaseURL); u != "" {
		return u
	}
	servers.mu.Lock()
	defer servers.mu.Unlock()
	if servers.adminURL != "" {
		return servers.adminURL
	}
	u, stop, dir, err := StartPostgres(context.Background())
	if err != nil {
		t.Fatalf("start test postgres: %v", err)
	}
	servers.stops = append(servers.stops, stop)
	servers.tempDirs = append(servers.tempDirs, dir)
	servers.adminURL = u
	return u
}

// StartPostgres starts a throw-away PostgreSQL in a temporary directory on
// a free port; stop stops it and removes its cluster, which may have been
// kept outside dir (pgserver.RelocatedRoot) when $TMPDIR is private; the
// caller removes dir.
func StartPostgres(ctx context.Context) (adminURL string, stop func(), dir string, err error) {
	dir, err = os.MkdirTemp("", "pao-test-pg-")
	if err != nil {
		return "", nil, "", fmt.Errorf("temp dir: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", nil, "", fmt.Errorf("temp dir: %w", err)
	}
	port, err := FreePort()
	if err != nil {
		return "", nil, "", err
	}
	srv, err := pgserver.Start(ctx, filepath.Join(dir, "data"), port)
	if err != nil {
		return "", nil, "", err
	}
	return srv.URL("postgres"), func() {
		if err := srv.Stop(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "testenv:", err)
		}
		if err := srv.RemoveData(); err != nil {
			fmt.Fprintln(os.Stderr, "testenv:", err)
		}
	}, dir, nil
}

// migrationsHash identifies the schema, so a changed migration gets a new
// template database.
func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%s\x00", p, b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// ensureTemplate creates (once per server and schema) a migrated template
// database, serialised across test binaries by an advisory lock.
func ensureTemplate(ctx context.Context, adminURL string) (string, error) {
	hash, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "pao_tmpl_" + hash
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", fmt.Errorf("connect to test postgres: %w", err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7777001)"); err != nil {
		return "", fmt.Errorf("lock template: %w", err)
	}
	defer func() { _, _ = conn.Exec(ctx, "SELECT pg_advisory_unlock(7777001)") }()
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("look up template: %w", err)
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building); err != nil {
		return "", fmt.Errorf("drop stale template: %w", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", fmt.Errorf("create template: %w", err)
	}
	gdb, err := db.Open(ctx, withDatabase(adminURL, building))
	if err != nil {
		return "", err
	}
	quiet := slog.New(slog.NewTextHandler(discard{}, nil))
	if err := db.Migrate(ctx, gdb, quiet); err != nil {
		_ = db.Close(gdb)
		return "", err
	}
	if err := db.Close(gdb); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", fmt.Errorf("publish template: %w", err)
	}
	return name, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// withDatabase replaces the database name of a postgres URL.
func withDatabase(url, name string) string {
	base, query, _ := strings.Cut(url, "?")
	i := strings.LastIndex(base, "/")
	out := base[:i+1] + name
	if query != "" {
		out += "?" + query
	}
	return out
}

// DatabaseURL creates a fresh migrated database for this test, dropped when
// the test ends, and returns its URL.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin := PostgresAdminURL(t)
	tmpl, err := ensureTemplate(ctx, admin)
	if err != nil {
		t.Fatalf("test database template: %v", err)
	}
	name := "t_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:20]
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tmpl)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
		defer func() { _ = c.Close(ctx) }()
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return withDatabase(admin, name)
}

// DB returns a GORM handle on a fresh migrated database for this test.
func DB(t testing.TB) *gorm.DB {
	t.Helper()
	gdb, err := db.Open(context.Background(), DatabaseURL(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { _ = db.Close(gdb) })
	return gdb
}
