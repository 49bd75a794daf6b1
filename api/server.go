package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
	"go.temporal.io/sdk/client"
	"gorm.io/gorm"

	"github.com/pao/pao/api/openapi"
	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/metrics"
)

// Config is what the shared machinery needs: the database for the caller's
// standing, the token verifier, Temporal and the task queue for readiness.
type Config struct {
	DB           *gorm.DB
	Temporal     client.Client
	Tokens       *auth.Tokens
	Log          *slog.Logger
	TaskQueue    string
	MaxBodyBytes int64
	// TrustedProxies are the proxies whose X-Forwarded-For names the
	// client (the address the terms acceptance records); none by default,
	// so the client is the peer that connected.
	TrustedProxies []string
	// Metrics is the process's registry, served at /metrics; nil serves
	// none and counts nothing.
	Metrics *metrics.Metrics
	// RateLimits are the token buckets (ratelimit.go); zero is no limit.
	RateLimits RateLimits
}

// Domain is one room of handlers: it declares its routes on the router.
type Domain interface {
	Routes(r *Router)
}

// Server is the HTTP API: the engine, the route table and the machinery.
type Server struct {
	db        *gorm.DB
	temporal  client.Client
	tokens    *auth.Tokens
	log       *slog.Logger
	queue     string
	maxBody   int64
	engine    *gin.Engine
	router    *Router
	validate  *validator.Validate
	users     *userCache
	verified  *tokenCache
	standings *standingCache
	limits    *limiter
}

// New builds the API with the routes of every domain.
func New(cfg Config, domains ...Domain) *Server {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.RemoveExtraSlash = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		// Validated by the configuration; trust nobody rather than all.
		_ = e.SetTrustedProxies(nil)
		cfg.Log.Error("trusted proxies refused; trusting none", "error", err)
	}
	s := &Server{
		db: cfg.DB, temporal: cfg.Temporal, tokens: cfg.Tokens, log: cfg.Log, queue: cfg.TaskQueue,
		maxBody: cfg.MaxBodyBytes, engine: e, validate: newValidator(), users: newUserCache(4096),
		verified:  newTokenCache(8192, time.Now),
		standings: newStandingCache(2*time.Second, 16384),
		limits:    newLimiter(cfg.RateLimits, cfg.Metrics),
	}
	e.Use(requestID(), observe(cfg.Metrics), accessLog(cfg.Log), recovery(cfg.Log), s.limits.byIP(),
		bodyLimit(cfg.MaxBodyBytes), s.binder())
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
	openapi.Mount(e, cfg.Log) // GET /openapi.json and the reference page at /docs
	serveMetrics(e, cfg.Metrics)

	s.router = &Router{group: e.Group("/v1", s.authenticate(), s.limits.byUser()), routes: map[string]Need{}, enforce: s.enforce,
		changed: s.standings.invalidate}
	for _, d := range domains {
		d.Routes(s.router)
	}
	return s
}

// Handler returns the http.Handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes returns every registered /v1 route with its declared requirement.
func (s *Server) Routes() map[string]Need { return s.router.routes }

// Engine exposes the Gin engine (tests enumerate its routes).
func (s *Server) Engine() *gin.Engine { return s.engine }

// Handler is a route's handler: it returns a *Problem or another error
// (a logged 500) instead of writing one.
type Handler func(c *gin.Context) error

// Router is the /v1 route table: a route is registered with its Need, and
// the Need is enforced before the handler runs.
type Router struct {
	group   *gin.RouterGroup
	routes  map[string]Need // "METHOD /v1/path" → requirement
	enforce func(c *gin.Context, need Need) error
	// changed is told after every request that may have changed state.
	changed func()
}

// Handle registers a /v1 route with its requirement.
func (r *Router) Handle(method, path string, need Need, h Handler) {
	r.routes[method+" "+r.group.BasePath()+path] = need
	r.group.Handle(method, path, func(c *gin.Context) {
		if err := checkParams(c); err != nil {
			Fail(c, err)
			return
		}
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			defer r.changed() // this process's own changes show on the next request
		}
		if err := r.enforce(c, need); err != nil {
			Fail(c, err)
			return
		}
		if err := h(c); err != nil {
			Fail(c, err)
		}
	})
}

// checkParams refuses path parameters that no stored key can match and
// PostgreSQL cannot compare: invalid UTF-8 or control characters.
func checkParams(c *gin.Context) error {
	var bad []FieldError
	for _, p := range c.Params {
		if !utf8.ValidString(p.Value) || strings.ContainsFunc(p.Value, unicode.IsControl) {
			bad = append(bad, FieldError{Field: p.Key, Detail: "must be valid UTF-8 text without control characters"})
		}
	}
	if len(bad) > 0 {
		return Invalid(bad...)
	}
	return nil
}
