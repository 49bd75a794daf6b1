package openapi

import (
	"embed"
	"log/slog"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

//go:embed static/index.html static/redoc.standalone.js
var staticFS embed.FS

// Paths of the routes Mount registers.
const (
	DocumentPath = "/openapi.json"
	DocsPath     = "/docs"
	ScriptPath   = "/docs/redoc.standalone.js"
)

// DocsPolicy is the Content-Security-Policy of the reference page and its
// script: everything from this origin only (the page fetches
// /openapi.json), inline styles for the page's CSS-in-JS, blob: workers
// for its search; no other origin for anything.
const DocsPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Mount registers, outside /v1 and without authentication, the document
// (GET /openapi.json) and the reference page (GET /docs, with the vendored
// Redoc script it loads). The document is merged once, on its first
// request (a server that is never asked for it does not pay the 50 ms);
// if the embedded files do not merge (a test catches that first), it
// answers a 500 problem and the error is logged.
func Mount(r gin.IRoutes, log *slog.Logger) {
	document := sync.OnceValues(func() ([]byte, error) {
		doc, err := Document()
		if err != nil {
			log.Error("openapi document unavailable", "error", err)
		}
		return doc, err
	})
	page, perr := staticFS.ReadFile("static/index.html")
	script, serr := staticFS.ReadFile("static/redoc.standalone.js")
	for _, e := range []error{perr, serr} {
		if e != nil {
			log.Error("api reference page unavailable", "error", e)
		}
	}
	serve := func(body []byte, ctype string, bad error) gin.HandlerFunc {
		return func(c *gin.Context) {
			if bad != nil {
				failed(c)
				return
			}
			h := c.Writer.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Cache-Control", "no-cache")
			if ctype != "application/json" {
				h.Set("Content-Security-Policy", DocsPolicy)
				h.Set("Referrer-Policy", "no-referrer")
			}
			c.Data(http.StatusOK, ctype, body)
		}
	}
	r.GET(DocumentPath, func(c *gin.Context) {
		doc, err := document()
		serve(doc, "application/json", err)(c)
	})
	r.GET(DocsPath, serve(page, "text/html; charset=utf-8", perr))
	r.GET(ScriptPath, serve(script, "text/javascript; charset=utf-8", serr))
}

// failed answers a 500 problem (this package cannot use api's writer: api
// mounts it).
func failed(c *gin.Context) {
	c.Header("Content-Type", "application/problem+json")
	c.JSON(http.StatusInternalServerError, gin.H{
		"type": "https://pao.example.com/problems/internal", "title": "Internal Server Error", "status": http.StatusInternalServerError,
		"detail": "the API reference is unavailable", "instance": c.Request.URL.Path,
	})
}
