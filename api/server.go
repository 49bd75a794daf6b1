package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/internal/auth"
)

// Deps are what the API needs.
type Deps struct {
	DB           *gorm.DB
	Temporal     client.Client
	Tokens       *auth.Tokens
	Log          *slog.Logger
	TaskQueue    string
	MaxBodyBytes int64
	// DevMode exposes development-only, read-only endpoints (the mail outbox).
	DevMode bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Timers are the access-request reminder, escalation and expiry delays.
	Timers RequestTimers
}

// RequestTimers are the C5 delays.
type RequestTimers struct {
	RemindAfter, EscalateAfter, ExpireAfter time.Duration
}

// Server is the HTTP API.
type Server struct {
	Deps
	engine   *gin.Engine
	routes   map[string]Need // "METHOD path" → declared requirement
	validate *validator.Validate
}

// New builds the API with every route registered.
func New(d Deps) *Server {
	if d.Now == nil {
		d.Now = time.Now
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.RemoveExtraSlash = true
	s := &Server{Deps: d, engine: e, routes: map[string]Need{}, validate: newValidator()}

	e.Use(requestID(), accessLog(d.Log), recovery(d.Log), bodyLimit(d.MaxBodyBytes))
	// Under /v1 even unknown routes authenticate first: an anonymous caller
	// learns nothing about which routes exist.
	v1First := func(c *gin.Context) bool {
		return !strings.HasPrefix(c.Request.URL.Path, "/v1/") || s.authn(c)
	}
	e.NoRoute(func(c *gin.Context) {
		if v1First(c) {
			writeProblem(c, NotFound("no such resource"))
		}
	})
	e.NoMethod(func(c *gin.Context) {
		if !v1First(c) {
			return
		}
		writeProblem(c, problem(http.StatusMethodNotAllowed, "method-not-allowed", "Method Not Allowed",
			fmt.Sprintf("%s is not allowed on this resource", c.Request.Method)))
	})

	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "alive"}) })
	e.GET("/readyz", s.ready)

	v1 := e.Group("/v1", s.authenticate())
	s.registerRoutes(v1)
	return s
}

// Handler returns the http.Handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes returns every registered /v1 route with its declared requirement.
func (s *Server) Routes() map[string]Need { return s.routes }

// Engine exposes the Gin engine (tests enumerate its routes).
func (s *Server) Engine() *gin.Engine { return s.engine }

// ready reports whether Postgres and Temporal are reachable and a worker
// polls the task queue; 503 names what fails.
func (s *Server) ready(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	checks := map[string]string{}
	var failed []string
	if err := s.pingDB(ctx); err != nil {
		checks["postgres"] = err.Error()
		failed = append(failed, "postgres")
	} else {
		checks["postgres"] = "ok"
	}
	if _, err := s.Temporal.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		checks["temporal"] = err.Error()
		failed = append(failed, "temporal")
		checks["worker"] = "unknown: temporal unreachable"
		failed = append(failed, "worker")
	} else {
		checks["temporal"] = "ok"
		resp, err := s.Temporal.DescribeTaskQueue(ctx, s.TaskQueue, enumspb.TASK_QUEUE_TYPE_WORKFLOW)
		switch {
		case err != nil:
			checks["worker"] = err.Error()
			failed = append(failed, "worker")
		case len(resp.GetPollers()) == 0:
			checks["worker"] = fmt.Sprintf("no worker polls task queue %q", s.TaskQueue)
			failed = append(failed, "worker")
		default:
			checks["worker"] = "ok"
		}
	}
	if len(failed) > 0 {
		p := Unavailable(fmt.Sprintf("not ready: %v", failed))
		for _, f := range failed {
			p.Errors = append(p.Errors, FieldError{Field: f, Detail: checks[f]})
		}
		writeProblem(c, p)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "checks": checks})
}

func (s *Server) pingDB(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}
