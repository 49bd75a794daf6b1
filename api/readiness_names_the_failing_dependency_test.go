package api_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// failing lists the dependencies a /readyz problem names, with their detail.
func failing(p api.Problem) map[string]string {
	out := map[string]string{}
	for _, e := range p.Errors {
		out[e.Field] = e.Detail
	}
	return out
}

// TestReadinessNamesTheFailingDependency: /readyz answers 503 naming each
// failing dependency with a fixed phrase ("unavailable"); the raw errors
// (which carry addresses, driver messages and the task queue's name) go to
// the log, never to the anonymous caller.
func TestReadinessNamesTheFailingDependency(t *testing.T) {
	t.Parallel()

	t.Run("postgres and temporal unreachable", func(t *testing.T) {
		pgPort, err := testenv.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		tPort, err := testenv.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		db, err := gorm.Open(postgres.Open(fmt.Sprintf("postgres://postgres@127.0.0.1:%d/none?sslmode=disable&connect_timeout=2", pgPort)),
			&gorm.Config{DisableAutomaticPing: true, Logger: logger.Discard})
		if err != nil {
			t.Fatal(err)
		}
		tc, err := client.NewLazyClient(client.Options{HostPort: fmt.Sprintf("127.0.0.1:%d", tPort)})
		if err != nil {
			t.Fatal(err)
		}
		defer tc.Close()
		var logs bytes.Buffer
		srv := api.New(api.Config{DB: db, Temporal: tc, Log: slog.New(slog.NewJSONHandler(&logs, nil)),
			TaskQueue: "pao-readiness", MaxBodyBytes: 1 << 20})
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()

		resp, err := http.Get(ts.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		r := readBody(t, resp)
		p := assertProblem(t, r, http.StatusServiceUnavailable, "unavailable")
		got := failing(p)
		want := map[string]string{"postgres": "unavailable", "temporal": "unavailable", "worker": "unknown: temporal unavailable"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("failing dependencies = %v, want %v: %s", got, want, r.Body)
		}
		if !strings.Contains(p.Detail, "postgres") || !strings.Contains(p.Detail, "temporal") {
			t.Errorf("detail %q does not name the failing dependencies", p.Detail)
		}
		for _, raw := range []string{"127.0.0.1", fmt.Sprint(pgPort), fmt.Sprint(tPort), "dial", "refused", "rpc error", "connect:", "pao-readiness"} {
			if strings.Contains(string(r.Body), raw) {
				t.Errorf("/readyz echoes raw error text %q to an anonymous caller: %s", raw, r.Body)
			}
		}
		// The raw errors are logged, with the dependency they belong to.
		for _, dep := range []string{`"dependency":"postgres"`, `"dependency":"temporal"`} {
			if !strings.Contains(logs.String(), dep) {
				t.Errorf("the log does not record the %s failure: %s", dep, logs.String())
			}
		}
	})

	t.Run("no worker polls the task queue", func(t *testing.T) {
		a := testenv.StartApp(t, testenv.Options{NoWorker: true})
		r := a.Do("GET", "/readyz", "", nil)
		p := assertProblem(t, r, http.StatusServiceUnavailable, "unavailable")
		got := failing(p)
		if len(got) != 1 || got["worker"] != "unavailable: no worker polls the task queue" {
			t.Errorf("failing dependencies = %v, want the worker only: %s", got, r.Body)
		}
		if q := a.Runtime.Cfg.TaskQueue; strings.Contains(string(r.Body), q) {
			t.Errorf("/readyz names the task queue %q to an anonymous caller: %s", q, r.Body)
		}
	})
}

func readBody(t *testing.T, resp *http.Response) testenv.Response {
	t.Helper()
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return testenv.Response{Status: resp.StatusCode, Header: resp.Header, Body: buf.Bytes()}
}
