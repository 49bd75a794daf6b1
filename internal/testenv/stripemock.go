package testenv

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// EnvStripeMock names the stripe-mock binary the harness runs.
const EnvStripeMock = "PAO_STRIPE_MOCK"

// stripeMockStart bounds how long stripe-mock may take to listen.
const stripeMockStart = 30 * time.Second

// StripeMockBinary returns the pinned stripe-mock ($PAO_STRIPE_MOCK, else
// .bin/stripe-mock in the repo, built by `make stripe-mock`).
func StripeMockBinary() (string, error) {
	p := os.Getenv(EnvStripeMock)
	if p == "" {
		root, err := RepoRoot()
		if err != nil {
			return "", err
		}
		p = filepath.Join(root, ".bin", "stripe-mock")
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("stripe-mock missing at %s: run `make stripe-mock` (make test does): %w", p, err)
	}
	return p, nil
}

// StripeMock starts a stripe-mock for this test on ports of its own
// choosing on 127.0.0.1 and returns its HTTP base URL; it is stopped when
// the test ends. A missing binary fails the test (never skips it).
//
// stripe-mock prints every request's form data, card numbers included:
// its output is read for the listening address and otherwise discarded.
func StripeMock(t testing.TB) string {
	t.Helper()
	bin, err := StripeMockBinary()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0")
	w := &listenWatcher{addr: make(chan string, 1)}
	cmd.Stdout, cmd.Stderr = w, io.Discard
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start stripe-mock: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case a := <-w.addr:
		return "http://" + a
	case err := <-done:
		done <- err
		t.Fatalf("stripe-mock exited before listening: %v", err)
	case <-time.After(stripeMockStart):
		t.Fatalf("stripe-mock did not listen within %s", stripeMockStart)
	}
	return ""
}

// listenWatcher is stripe-mock's standard output: it finds the line that
// names the HTTP address and discards everything (request data included).
type listenWatcher struct {
	buf   []byte
	found bool
	addr  chan string
}

func (w *listenWatcher) Write(p []byte) (int, error) {
	if w.found {
		return len(p), nil
	}
	const prefix = "Listening for HTTP at address: "
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		line := string(w.buf[:i])
		w.buf = w.buf[i+1:]
		if strings.HasPrefix(line, prefix) {
			w.found, w.buf = true, nil
			w.addr <- strings.TrimSpace(strings.TrimPrefix(line, prefix))
			break
		}
	}
	if len(w.buf) > 1<<16 {
		w.buf = nil
	}
	return len(p), nil
}
