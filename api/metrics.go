package api

import (
	"github.com/gin-gonic/gin"

	"github.com/pao/pao/internal/metrics"
)

// observe counts every request by route template, method and status, and
// times it; it runs outside the recovery and the limits, so panics (500),
// refusals (429, 413) and unmatched routes are counted too. Without
// metrics it does nothing.
func observe(m *metrics.Metrics) gin.HandlerFunc {
	if m == nil {
		return func(c *gin.Context) { c.Next() }
	}
	h := m.HTTP()
	return func(c *gin.Context) {
		done := h.Start()
		defer func() { done(c.FullPath(), c.Request.Method, c.Writer.Status()) }()
		c.Next()
	}
}

// serveMetrics serves the process's registry at /metrics, outside /v1 and
// its route table, without authentication (a Prometheus scraper carries no
// user's token): what it shows is counts by route template and status,
// never a path, a query or a person. The deployment keeps /metrics off
// the public ingress.
func serveMetrics(e *gin.Engine, m *metrics.Metrics) {
	if m == nil {
		return
	}
	e.GET("/metrics", gin.WrapH(m.Handler()))
}
