package testenv

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/pao/pao/api/openapi/validate"
	"github.com/pao/pao/internal/app"
	"github.com/pao/pao/internal/config"
)

// Options tune an in-process App.
type Options struct {
	// Temporal is a test-owned dev server; nil uses the shared one.
	Temporal *TemporalServer
	// Env overrides configuration variables (e.g. SMTP port, timers).
	Env map[string]string
	// NoWorker starts the API only.
	NoWorker bool
	// Log, when set, receives every log line of the API and the worker at
	// info level and above (JSON), e.g. to scan them for card data.
	Log io.Writer
}

// App is the API and the worker running in process against the test's own
// database and a unique task queue.
type App struct {
	t       testing.TB
	URL     string
	Runtime *app.Runtime

	workerCancel context.CancelFunc
	workerDone   chan error

	// spec checks every response Do and DoWithHeaders receive against the
	// OpenAPI document (/openapi.json): a mismatch fails the test.
	spec *validate.Validator
}

// loadSpec loads the OpenAPI document once per test binary (about 0.2 s
// of parsing and validation; the Validator is read-only and safe for
// concurrent use).
var loadSpec = sync.OnceValues(func() (*validate.Validator, error) {
	return validate.Load(context.Background())
})

// StartApp starts the API (on a free port) and the worker for this test;
// both stop when the test ends.
func StartApp(t testing.TB, o Options) *App {
	t.Helper()
	addr := ""
	if o.Temporal != nil {
		addr = o.Temporal.Address
	} else {
		addr = TemporalAddress(t)
	}
	ns, err := NewNamespace(context.Background(), addr)
	if err != nil {
		t.Fatalf("test namespace: %v", err)
	}
	vars := map[string]string{
		"DATABASE_URL":       DatabaseURL(t),
		"TEMPORAL_ADDRESS":   addr,
		"TEMPORAL_NAMESPACE": ns,
		"PAO_TASK_QUEUE":     "pao-test-" + uuid.NewString()[:8],
		"PAO_HTTP_ADDR":      "127.0.0.1:0",
		"PAO_LOG_LEVEL":      "warn",
		// No discovery Schedule: a pass at midnight UTC would start
		// renewals of the seed's coverage in the middle of a test.
		"PAO_RENEWAL_DISCOVERY_EVERY": "0",
		// Tests run side by side: no fixed metrics port (a test that
		// scrapes the worker binds 127.0.0.1:0).
		"PAO_WORKER_METRICS_ADDR": "off",
		// The suites hammer the API from one address and a few users
		// (benchmarks, concurrency tests): the limits stay on, so every
		// request goes through them, but out of reach. The rate-limit
		// tests set their own low ones.
		"PAO_RATE_IP_RPS": "1000000", "PAO_RATE_IP_BURST": "1000000",
		"PAO_RATE_USER_RPS": "1000000", "PAO_RATE_USER_BURST": "1000000",
		"PAO_RATE_SENSITIVE_PER_MINUTE": "60000000", "PAO_RATE_SENSITIVE_BURST": "1000000",
	}
	for k, v := range o.Env {
		vars[k] = v
	}
	cfg, err := config.LoadFrom(vars)
	if err != nil {
		t.Fatalf("test config: %v", err)
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if o.Log != nil {
		log = slog.New(slog.NewJSONHandler(o.Log, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	ctx := context.Background()
	rt, err := app.Connect(ctx, cfg, log)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	a := &App{t: t, Runtime: rt}
	if a.spec, err = loadSpec(); err != nil {
		t.Fatalf("openapi document: %v", err)
	}

	actx, stopAPI := context.WithCancel(ctx)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	a.URL = "http://" + ln.Addr().String()
	apiDone := make(chan error, 1)
	srv := rt.API()
	go srv.ListenForChanges(actx, cfg.DatabaseURL)
	go func() { apiDone <- app.Serve(actx, ln, srv.Handler(), 5*time.Second, log, nil) }()
	if !o.NoWorker {
		a.StartWorker()
	}
	t.Cleanup(func() {
		a.StopWorker()
		stopAPI()
		if err := <-apiDone; err != nil {
			t.Errorf("api: %v", err)
		}
		if err := rt.Close(); err != nil {
			t.Errorf("close runtime: %v", err)
		}
	})
	return a
}

// StartWorker starts the in-process worker (after StopWorker, a restart).
func (a *App) StartWorker() {
	a.t.Helper()
	if a.workerCancel != nil {
		a.t.Fatal("worker already running")
	}
	ctx, cancel := context.WithCancel(context.Background())
	a.workerCancel, a.workerDone = cancel, make(chan error, 1)
	go func() { a.workerDone <- a.Runtime.RunWorker(ctx) }()
}

// StopWorker stops the in-process worker and waits for it.
func (a *App) StopWorker() {
	if a.workerCancel == nil {
		return
	}
	a.workerCancel()
	if err := <-a.workerDone; err != nil {
		a.t.Errorf("worker: %v", err)
	}
	a.workerCancel = nil
}

// Token mints a valid bearer token.
func (a *App) Token(email string, roles ...string) string {
	a.t.Helper()
	tok, err := a.Runtime.Tokens.Mint(email, roles, time.Now())
	if err != nil {
		a.t.Fatalf("mint token: %v", err)
	}
	return tok
}

// Response is a decoded HTTP response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on error.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Do sends a request with an optional bearer token and JSON body.
func (a *App) Do(method, path, token string, body any) Response {
	a.t.Helper()
	return a.DoWithHeaders(method, path, token, body, nil)
}

// DoWithHeaders is Do with extra request headers (e.g. Idempotency-Key).
func (a *App) DoWithHeaders(method, path, token string, body any, headers map[string]string) Response {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			a.t.Fatalf("encode body: %v", err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, a.URL+path, rd)
	if err != nil {
		a.t.Fatalf("request: %v", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatalf("read body: %v", err)
	}
	a.CheckResponse(req, resp.StatusCode, resp.Header, out)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: out}
}

// CheckResponse fails the test (without stopping it) when a response to
// req does not match the OpenAPI document: an undocumented route or
// status, or a body or header its schema refuses. Do and DoWithHeaders
// call it on every response; a test with its own client can too.
func (a *App) CheckResponse(req *http.Request, status int, header http.Header, body []byte) {
	a.t.Helper()
	if err := a.spec.Response(req.Context(), req, status, header, body); err != nil {
		a.t.Errorf("response does not match the OpenAPI document: %v", err)
	}
}

// WaitReady polls /readyz until 200 or the deadline.
func (a *App) WaitReady(timeout time.Duration) Response {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		r := a.Do("GET", "/readyz", "", nil)
		if r.Status == http.StatusOK || time.Now().After(deadline) {
			return r
		}
		time.Sleep(200 * time.Millisecond)
	}
}
