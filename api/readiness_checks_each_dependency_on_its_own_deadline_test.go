package api_test

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// TestReadinessChecksEachDependencyOnItsOwnDeadline: a PostgreSQL that
// accepts connections and never answers is reported alone, within one
// check's deadline, while the healthy Temporal and its polling worker
// are reported ok (the checks run side by side: a hanging database used to
// eat the deadline of the checks after it).
func TestReadinessChecksEachDependencyOnItsOwnDeadline(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{})
	if r := a.WaitReady(30 * time.Second); r.Status != http.StatusOK {
		t.Fatalf("the app never became ready: %d %s", r.Status, r.Body)
	}

	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered
		}
	}()
	db, err := gorm.Open(postgres.Open(fmt.Sprintf("postgres://postgres@%s/none?sslmode=disable", silent.Addr())),
		&gorm.Config{DisableAutomaticPing: true, Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Config{DB: db, Temporal: a.Runtime.Temporal, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		TaskQueue: a.Runtime.Cfg.TaskQueue, MaxBodyBytes: 1 << 20})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	began := time.Now()
	resp, err := http.Get(ts.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	r := readBody(t, resp)
	took := time.Since(began)
	p := assertProblem(t, r, http.StatusServiceUnavailable, "unavailable")
	if got := failing(p); len(got) != 1 || got["postgres"] != "unavailable" {
		t.Errorf("failing dependencies = %v, want postgres alone: %s", got, r.Body)
	}
	if took > 5*time.Second {
		t.Errorf("/readyz took %v with one hanging dependency, want about one check deadline (3s)", took)
	}
}
