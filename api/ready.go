package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// readyTimeout bounds each dependency's check.
const readyTimeout = 3 * time.Second

// What /readyz says about a failing dependency: a closed set of plain
// phrases, so nothing of a raw error (addresses, driver messages, the
// task queue's name) reaches an anonymous caller.
const (
	depUnavailable = "unavailable"
	depNoPoller    = "unavailable: no worker polls the task queue"
	depUnknown     = "unknown: temporal unavailable"
)

// ready reports whether Postgres and Temporal are reachable and a worker
// polls the task queue. The checks run side by side, each with its own
// deadline, so one hanging dependency cannot make another look down. A 503
// names each failing dependency with a fixed phrase; the raw errors go to
// the log with the request id.
func (s *Server) ready(c *gin.Context) {
	var (
		mu     sync.Mutex
		failed = map[string]string{}
		wg     sync.WaitGroup
	)
	bad := func(dep, detail string, err error) {
		mu.Lock()
		failed[dep] = detail
		mu.Unlock()
		if err != nil {
			s.log.Warn("readiness check failed", "request_id", RequestID(c), "dependency", dep, "error", err)
		}
	}
	wg.Go(func() {
		ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
		defer cancel()
		if err := s.pingDB(ctx); err != nil {
			bad("postgres", depUnavailable, err)
		}
	})
	wg.Go(func() {
		ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
		defer cancel()
		s.checkTemporal(ctx, bad)
	})
	wg.Wait()

	checks := map[string]string{"postgres": "ok", "temporal": "ok", "worker": "ok"}
	var errs []FieldError
	var names []string
	for _, dep := range []string{"postgres", "temporal", "worker"} {
		if d, ok := failed[dep]; ok {
			checks[dep] = d
			errs = append(errs, FieldError{Field: dep, Detail: d})
			names = append(names, dep)
		}
	}
	if len(errs) > 0 {
		p := Unavailable(fmt.Sprintf("not ready: %s unavailable", strings.Join(names, ", ")))
		p.Errors = errs
		writeProblem(c, p)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "checks": checks})
}

// checkTemporal checks the frontend, then that a worker polls the task
// queue (the API starts workflows nobody would run otherwise).
func (s *Server) checkTemporal(ctx context.Context, bad func(dep, detail string, err error)) {
	if _, err := s.temporal.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		bad("temporal", depUnavailable, err)
		bad("worker", depUnknown, nil)
		return
	}
	resp, err := s.temporal.DescribeTaskQueue(ctx, s.queue, enumspb.TASK_QUEUE_TYPE_WORKFLOW)
	switch {
	case err != nil:
		bad("worker", depUnavailable, fmt.Errorf("describe task queue %q: %w", s.queue, err))
	case len(resp.GetPollers()) == 0:
		bad("worker", depNoPoller, fmt.Errorf("no poller on task queue %q", s.queue))
	}
}

func (s *Server) pingDB(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}
