package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
)

// ready reports whether Postgres and Temporal are reachable and a worker
// polls the task queue. A 503 names the failing dependencies; the raw
// errors go to the log, not to an anonymous caller.
func (s *Server) ready(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	checks := map[string]string{"postgres": "ok", "temporal": "ok", "worker": "ok"}
	var failed []FieldError
	bad := func(dep, detail string, err error) {
		checks[dep] = detail
		failed = append(failed, FieldError{Field: dep, Detail: detail})
		if err != nil {
			s.log.Warn("readiness check failed", "request_id", RequestID(c), "dependency", dep, "error", err)
		}
	}
	if err := s.pingDB(ctx); err != nil {
		bad("postgres", "unreachable", err)
	}
	if _, err := s.temporal.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		bad("temporal", "unreachable", err)
		bad("worker", "unknown: temporal unreachable", nil)
	} else {
		resp, err := s.temporal.DescribeTaskQueue(ctx, s.queue, enumspb.TASK_QUEUE_TYPE_WORKFLOW)
		switch {
		case err != nil:
			bad("worker", "task queue cannot be described", err)
		case len(resp.GetPollers()) == 0:
			bad("worker", fmt.Sprintf("no worker polls task queue %q", s.queue), nil)
		}
	}
	if len(failed) > 0 {
		names := make([]string, 0, len(failed))
		for _, f := range failed {
			names = append(names, f.Field)
		}
		p := Unavailable(fmt.Sprintf("not ready: %v", names))
		p.Errors = failed
		writeProblem(c, p)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "checks": checks})
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
