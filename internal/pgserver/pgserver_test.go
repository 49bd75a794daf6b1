package pgserver

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// privateDir is a fresh directory of mode perm, like a home directory or a
// checkout in one; it is removed when the test ends.
func privateDir(t *testing.T, perm fs.FileMode) string {
	t.Helper()
	if _, err := BinDir(); err != nil {
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "pgserver-test-")
	if err != nil {
		t.Fatalf("temp dir: %v", err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("remove %s: %v", dir, err)
		}
	})
	if err := os.Chmod(dir, perm); err != nil {
		t.Fatalf("chmod %s: %v", dir, err)
	}
	return dir
}

// start starts a server on data and stops it (and removes its cluster,
// wherever it lives) when the test ends.
func start(t *testing.T, data string) *Server {
	t.Helper()
	srv, err := Start(context.Background(), data, freePort(t))
	if err != nil {
		t.Fatalf("Start(%s): %v", data, err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		if _, err := srv.run(ctx, "pg_ctl", "-D", srv.Dir, "status"); err == nil {
			if err := srv.Stop(ctx); err != nil {
				t.Errorf("stop: %v", err)
			}
		}
		if err := srv.RemoveData(); err != nil {
			t.Errorf("remove data: %v", err)
		}
	})
	return srv
}

// query runs a single-value query on the server's postgres database.
func query[T any](t *testing.T, srv *Server, sql string) T {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.URL("postgres"))
	if err != nil {
		t.Fatalf("connect to %s: %v", srv.URL("postgres"), err)
	}
	defer func() { _ = conn.Close(ctx) }()
	var v T
	if err := conn.QueryRow(ctx, sql).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

func execSQL(t *testing.T, srv *Server, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.URL("postgres"))
	if err != nil {
		t.Fatalf("connect to %s: %v", srv.URL("postgres"), err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func owner(t *testing.T, path string) (uid int, perm fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat: %v", err)
	}
	return int(fi.Sys().(*syscall.Stat_t).Uid), fi.Mode().Perm()
}

func postgresUID(t *testing.T) int {
	t.Helper()
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("postgres user: %v", err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		t.Fatalf("postgres uid: %v", err)
	}
	return uid
}

// A checkout inside a mode-700 directory (root's home): the server starts
// and answers, the private directory keeps its mode, and as root (when the
// postgres user runs the server and cannot enter the directory) the cluster
// lives in its own mode-700 directory under RelocatedRoot that the data
// path links to, and is found again on the next start.
func TestStartInPrivateDirectory(t *testing.T) {
	home := privateDir(t, 0o700)
	data := filepath.Join(home, "checkout", ".data", "pg")

	srv := start(t, data)
	if got := query[int](t, srv, "SELECT 1"); got != 1 {
		t.Fatalf("SELECT 1 = %d", got)
	}
	if got := query[string](t, srv, "SHOW data_directory"); got != srv.Dir {
		t.Errorf("server's data_directory = %s, want Server.Dir %s", got, srv.Dir)
	}
	if uid, perm := owner(t, home); uid != os.Geteuid() || perm != 0o700 {
		t.Errorf("private directory is now uid %d mode %v, want uid %d mode 0700", uid, perm, os.Geteuid())
	}
	if srv.Configured != data {
		t.Errorf("Configured = %s, want %s", srv.Configured, data)
	}

	if os.Geteuid() == 0 {
		want := relocatedDir(data)
		if srv.Dir != want || !srv.Relocated() {
			t.Fatalf("Dir = %s (relocated %v), want %s", srv.Dir, srv.Relocated(), want)
		}
		if link, err := os.Readlink(data); err != nil || link != want {
			t.Errorf("%s links to %q (%v), want %s", data, link, err, want)
		}
		if uid, perm := owner(t, srv.Dir); uid != postgresUID(t) || perm != 0o700 {
			t.Errorf("cluster dir is uid %d mode %v, want postgres's, 0700", uid, perm)
		}
		origin, err := os.ReadFile(filepath.Join(srv.Dir, originFile))
		if err != nil || strings.TrimSpace(string(origin)) != data {
			t.Errorf("%s = %q (%v), want %s", originFile, origin, err, data)
		}
	} else if srv.Dir != data || srv.Relocated() {
		t.Errorf("Dir = %s (relocated %v), want %s: the process's own user can reach its own directory", srv.Dir, srv.Relocated(), data)
	}

	// The data persists: a second start (as `make dev` after Ctrl-C) finds
	// the same cluster through the same path.
	execSQL(t, srv, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	if err := srv.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}
	again := start(t, data)
	if again.Dir != srv.Dir {
		t.Errorf("second start uses %s, first used %s", again.Dir, srv.Dir)
	}
	if got := query[string](t, again, "SELECT v FROM kept"); got != "still here" {
		t.Errorf("kept row = %q", got)
	}
}

// The empty, postgres-owned data directory that a run of the old code left
// behind when initdb could not reach it is replaced by the link.
func TestStartAfterFailedRun(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs PostgreSQL as another user")
	}
	data := filepath.Join(privateDir(t, 0o700), ".data", "pg")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(data, postgresUID(t), -1); err != nil {
		t.Fatal(err)
	}
	srv := start(t, data)
	if !srv.Relocated() {
		t.Fatalf("Dir = %s, want a relocated cluster", srv.Dir)
	}
	if link, err := os.Readlink(data); err != nil || link != srv.Dir {
		t.Errorf("%s links to %q (%v), want %s", data, link, err, srv.Dir)
	}
	if got := query[int](t, srv, "SELECT 1"); got != 1 {
		t.Errorf("SELECT 1 = %d", got)
	}
}

// A data directory the postgres user can reach stays where it was asked
// to be, as before.
func TestStartInReachableDirectory(t *testing.T) {
	data := filepath.Join(privateDir(t, 0o755), "pg")
	srv := start(t, data)
	if srv.Dir != data || srv.Relocated() {
		t.Errorf("Dir = %s (relocated %v), want %s", srv.Dir, srv.Relocated(), data)
	}
	fi, err := os.Lstat(data)
	if err != nil || !fi.IsDir() {
		t.Fatalf("%s: %v, %v; want a directory", data, fi, err)
	}
	if got := query[string](t, srv, "SHOW data_directory"); got != data {
		t.Errorf("server's data_directory = %s, want %s", got, data)
	}
}

// Files the postgres user cannot reach are not moved or removed: Start says
// why it stops.
func TestStartRefusesUnreachableFiles(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs PostgreSQL as another user")
	}
	data := filepath.Join(privateDir(t, 0o700), "pg")
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(data, "PG_VERSION")
	if err := os.WriteFile(keep, []byte("15\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := Start(context.Background(), data, freePort(t))
	if err == nil {
		_ = srv.Stop(context.Background())
		t.Fatalf("Start succeeded on %s, which postgres cannot reach", srv.Dir)
	}
	if !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("error %q does not say the postgres user cannot reach the directory", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the existing file is gone: %v", err)
	}
	if _, err := os.Lstat(relocatedDir(data)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a relocated dir was made anyway: %v", err)
	}
}

// A link planted where a cluster would be relocated is refused, not
// followed.
func TestStartRefusesPlantedLink(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root relocates clusters")
	}
	home := privateDir(t, 0o700)
	data := filepath.Join(home, "pg")
	elsewhere := filepath.Join(privateDir(t, 0o755), "target")
	planted := relocatedDir(data)
	if err := os.MkdirAll(RelocatedRoot, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, planted); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.Remove(planted); err != nil {
			t.Errorf("remove planted link: %v", err)
		}
	})
	srv, err := Start(context.Background(), data, freePort(t))
	if err == nil {
		_ = srv.Stop(context.Background())
		t.Fatalf("Start followed the planted link to %s", srv.Dir)
	}
	if _, err := os.Lstat(elsewhere); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link's target was created: %v", err)
	}
}

func TestRelocatedDir(t *testing.T) {
	a, b := relocatedDir("/root/one/.data/pg"), relocatedDir("/root/two/.data/pg")
	if a == b {
		t.Errorf("two checkouts share %s", a)
	}
	if a != relocatedDir("/root/one/.data/pg") {
		t.Errorf("relocatedDir is not stable")
	}
	if filepath.Dir(a) != RelocatedRoot || !strings.HasPrefix(filepath.Base(a), "pg-") {
		t.Errorf("relocatedDir = %s, want %s/pg-<hash>", a, RelocatedRoot)
	}
}
