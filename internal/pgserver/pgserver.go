// Package pgserver runs a local PostgreSQL server from the installed server
// binaries (initdb, pg_ctl), for `pao dev` and the test harness. It runs
// them as the postgres user when the process is root, since initdb refuses
// to run as root.
//
// The postgres user must then be able to reach the data directory, which it
// cannot when the checkout lies inside a private directory (root's home is
// mode 700). In that case the cluster is kept in a directory of its own
// under RelocatedRoot, named after a hash of the configured path, and the
// configured path becomes a symbolic link to it: the data persists between
// runs, two checkouts do not share a cluster, nobody's directory permissions
// are loosened, and `make clean` finds the cluster through the link.
package pgserver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
)

// RelocatedRoot holds the clusters whose configured data directory the
// postgres user cannot reach (see the package comment). It is persistent
// (not a tmp directory that cleaners empty), owned by root and not writable
// by others, so no other local user can plant a directory or a link where a
// cluster will go.
const RelocatedRoot = "/var/lib/pao"

// Server is a PostgreSQL server whose data lives in Dir.
type Server struct {
	// Dir is the cluster's data directory: Configured, or the directory
	// Configured links to (under RelocatedRoot when Start relocated it).
	Dir string
	// Configured is the absolute data directory Start was given.
	Configured string
	Port       int
	binDir     string
}

// Relocated reports whether the cluster lives under RelocatedRoot, the
// configured path being a link to Dir.
func (s *Server) Relocated() bool { return filepath.Dir(s.Dir) == RelocatedRoot }

// URL returns the connection URL of database name.
func (s *Server) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

// BinDir finds the PostgreSQL server binaries: $PAO_PG_BIN, the newest
// /usr/lib/postgresql/*/bin, or the directory of pg_ctl on PATH.
func BinDir() (string, error) {
	if d := os.Getenv("PAO_PG_BIN"); d != "" {
		return d, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(matches) > 0 {
		sort.Slice(matches, func(i, j int) bool { return versionOf(matches[i]) > versionOf(matches[j]) })
		return filepath.Dir(matches[0]), nil
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL server binaries not found: install postgresql (apt-get install postgresql) or set PAO_PG_BIN")
}

func versionOf(path string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return v
}

// Start initialises dir if it holds no cluster yet and starts the server on
// port (127.0.0.1 only, trust auth). A server already running on dir is
// reused. As root, when the postgres user cannot reach dir, the cluster is
// kept under RelocatedRoot and dir becomes a link to it (see Relocated).
func Start(ctx context.Context, dir string, port int) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("postgres data dir: %w", err)
	}
	s := &Server{Configured: abs, Port: port, binDir: bin}
	if s.Dir, err = s.dataDir(ctx); err != nil {
		return nil, err
	}
	dir = s.Dir
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if out, err := s.run(ctx, "initdb", "-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"); err != nil {
			return nil, fmt.Errorf("initdb: %w: %s", err, out)
		}
		if s.Relocated() {
			// Says whose cluster this is to someone looking in RelocatedRoot.
			if err := os.WriteFile(filepath.Join(dir, originFile), []byte(s.Configured+"\n"), 0o644); err != nil {
				return nil, fmt.Errorf("postgres data dir: %w", err)
			}
		}
	} else if err != nil {
		return nil, fmt.Errorf("postgres data dir: %w", err)
	}
	if _, err := s.run(ctx, "pg_ctl", "-D", dir, "status"); err == nil {
		return s, nil // already running (a previous run left it up)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300", port, dir)
	if out, err := s.run(ctx, "pg_ctl", "-D", dir, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return nil, fmt.Errorf("pg_ctl start: %w: %s\n%s", err, out, tail(string(log), 2000))
	}
	return s, nil
}

// Stop stops the server (fast shutdown) and waits for it.
func (s *Server) Stop(ctx context.Context) error {
	if out, err := s.run(ctx, "pg_ctl", "-D", s.Dir, "-m", "fast", "-w", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %w: %s", err, out)
	}
	return nil
}

func (s *Server) run(ctx context.Context, name string, args ...string) (string, error) {
	path := filepath.Join(s.binDir, name)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = "/"
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// originFile, in a relocated cluster, names the configured data directory.
const originFile = "pao-data-dir"

// pgUser is the account the server binaries run as when the process is root.
type pgUser struct{ uid, gid int }

func lookupPostgres() (pgUser, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return pgUser{}, fmt.Errorf("running as root needs a postgres user to run PostgreSQL: %w", err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return pgUser{}, fmt.Errorf("postgres uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return pgUser{}, fmt.Errorf("postgres gid %q: %w", u.Gid, err)
	}
	return pgUser{uid, gid}, nil
}

// dataDir prepares the directory the cluster lives in and returns it. As
// root it is owned by the postgres user, and it is s.Configured unless the
// postgres user cannot reach that: then it is a directory under
// RelocatedRoot that s.Configured links to.
func (s *Server) dataDir(ctx context.Context) (string, error) {
	conf := s.Configured
	if os.Geteuid() != 0 {
		if err := os.MkdirAll(conf, 0o700); err != nil {
			return "", fmt.Errorf("postgres data dir: %w", err)
		}
		return conf, nil
	}
	pg, err := lookupPostgres()
	if err != nil {
		return "", err
	}
	// A link left by an earlier relocation: follow it, recreating the
	// cluster directory if someone removed it.
	if target, ok, err := relocationLink(conf); err != nil {
		return "", err
	} else if ok {
		if err := ensureRelocated(target, pg); err != nil {
			return "", err
		}
		return target, nil
	}
	if err := os.MkdirAll(conf, 0o700); err != nil {
		return "", fmt.Errorf("postgres data dir: %w", err)
	}
	dir, err := filepath.EvalSymlinks(conf)
	if err != nil {
		return "", fmt.Errorf("postgres data dir: %w", err)
	}
	if err := os.Chown(dir, pg.uid, pg.gid); err != nil {
		return "", fmt.Errorf("postgres data dir: chown %s: %w", dir, err)
	}
	ok, err := s.reachable(ctx, dir)
	if err != nil || ok {
		return dir, err
	}
	// The postgres user cannot reach it: a parent directory is private.
	if dir != conf {
		return "", fmt.Errorf("postgres data dir %s links to %s, which the postgres user cannot reach (a parent directory is private); point it elsewhere or remove the link", conf, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("postgres data dir: %w", err)
	}
	if len(entries) > 0 {
		return "", fmt.Errorf("postgres data dir %s holds files but the postgres user cannot reach it (a parent directory is private); move them away or remove the directory (make clean) and the cluster will be kept in %s", dir, RelocatedRoot)
	}
	target := relocatedDir(conf)
	if err := ensureRelocated(target, pg); err != nil {
		return "", err
	}
	if err := os.Remove(conf); err != nil {
		return "", fmt.Errorf("postgres data dir: %w", err)
	}
	if err := os.Symlink(target, conf); err != nil {
		return "", fmt.Errorf("postgres data dir: link %s to %s: %w", conf, target, err)
	}
	return target, nil
}

// relocatedDir is the directory under RelocatedRoot for the configured
// data directory conf (an absolute path).
func relocatedDir(conf string) string {
	sum := sha256.Sum256([]byte(conf))
	return filepath.Join(RelocatedRoot, "pg-"+hex.EncodeToString(sum[:8]))
}

// relocationLink reports whether conf is a link into RelocatedRoot, and
// where to; such a link may dangle.
func relocationLink(conf string) (string, bool, error) {
	fi, err := os.Lstat(conf)
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("postgres data dir: %w", err)
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		return "", false, nil
	}
	target, err := os.Readlink(conf)
	if err != nil {
		return "", false, fmt.Errorf("postgres data dir: %w", err)
	}
	if filepath.Dir(target) != RelocatedRoot || !strings.HasPrefix(filepath.Base(target), "pg-") {
		return "", false, nil
	}
	return target, true, nil
}

// ensureRelocated makes dir (a directory directly under RelocatedRoot) a
// mode-700 directory owned by the postgres user. It refuses a RelocatedRoot
// that others could write to and a dir that is not a plain directory of
// root's or postgres's.
func ensureRelocated(dir string, pg pgUser) error {
	if err := os.MkdirAll(RelocatedRoot, 0o755); err != nil {
		return fmt.Errorf("postgres relocated data: %w", err)
	}
	if err := checkOwned(RelocatedRoot, 0); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("postgres relocated data: %w", err)
	}
	if err := checkOwned(dir, 0, pg.uid); err != nil {
		return err
	}
	if err := os.Chown(dir, pg.uid, pg.gid); err != nil {
		return fmt.Errorf("postgres relocated data: chown %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("postgres relocated data: %w", err)
	}
	return nil
}

// checkOwned fails unless path is a directory (not a link) owned by one of
// uids that neither group nor others can write to.
func checkOwned(path string, uids ...int) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("postgres relocated data: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.IsDir() || fi.Mode().Perm()&0o022 != 0 || !slices.Contains(uids, int(st.Uid)) {
		return fmt.Errorf("postgres relocated data: %s must be a directory owned by root (or postgres) that others cannot write to; it is %s", path, fi.Mode())
	}
	return nil
}

// reachable reports whether the postgres user can list, create files in and
// enter dir, which it cannot when a parent directory is private.
func (s *Server) reachable(ctx context.Context, dir string) (bool, error) {
	cmd := exec.CommandContext(ctx, "runuser", "-u", "postgres", "--", "test", "-r", dir, "-a", "-w", dir, "-a", "-x", dir)
	cmd.Dir = "/"
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 && len(out) == 0 {
		return false, nil // test(1): false
	}
	if err != nil {
		return false, fmt.Errorf("check postgres can reach %s: %w: %s", dir, err, out)
	}
	return true, nil
}

// RemoveData removes the cluster's files (stop the server first) and, when
// it was relocated, the link at the configured path.
func (s *Server) RemoveData() error {
	if err := os.RemoveAll(s.Dir); err != nil {
		return fmt.Errorf("remove postgres data: %w", err)
	}
	if s.Relocated() {
		if err := os.Remove(s.Configured); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove postgres data link: %w", err)
		}
	}
	return nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// EnsureDatabase creates database name on the server at adminURL if missing.
func EnsureDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to postgres: %w", err)
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}
