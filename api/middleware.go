package api

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
)

const (
	headerRequestID = "X-Request-ID"
	ctxRequestID    = "pao.request_id"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes a well-formed X-Request-ID from the client or makes one,
// and echoes it in the response.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(headerRequestID)
		if !validRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		c.Set(ctxRequestID, id)
		c.Header(headerRequestID, id)
		c.Next()
	}
}

// RequestID is the request's id (echoed in X-Request-ID and every problem).
func RequestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// accessLog writes one structured line per request. It names the route
// template, never the path or the query (both may carry an email), and
// masks anything shaped like an email in the errors it logs.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		attrs := []any{
			"request_id", RequestID(c),
			"method", c.Request.Method,
			"route", c.FullPath(),
			"status", c.Writer.Status(),
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
		}
		// The user id, not the email: log lines carry no personal data.
		if u := Caller(c); u.ID != 0 {
			attrs = append(attrs, "user_id", u.ID)
		}
		level := slog.LevelInfo
		if len(c.Errors) > 0 {
			attrs = append(attrs, "error", redactEmails(c.Errors.String()))
			level = slog.LevelError
		}
		log.Log(c.Request.Context(), level, "http request", attrs...)
	}
}

// bodyLimit caps request bodies; reading past the cap fails with
// *http.MaxBytesError, which Bind maps to 413. The client always receives
// the 413 problem: a body left unread when the server closes the connection
// makes the kernel answer the client's remaining bytes with a reset, which
// discards the response before the client reads it, so an oversize body is
// read and thrown away (up to drainLimit) before the connection closes. A
// client that sent "Expect: 100-continue" has sent nothing yet and gets the
// 413 at once.
func bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		raw := c.Request.Body
		if c.Request.ContentLength > n {
			drain(c, raw)
			writeProblem(c, tooLarge(n))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, raw, n)
		c.Next()
		if c.Writer.Status() == http.StatusRequestEntityTooLarge {
			drain(c, raw)
		}
	}
}

// drainLimit bounds how much of an oversize body is read to deliver the 413.
const drainLimit = 64 << 20

func drain(c *gin.Context, body io.ReadCloser) {
	c.Header("Connection", "close")
	if body == nil || strings.EqualFold(c.GetHeader("Expect"), "100-continue") {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit)) // best effort: the answer is the 413 either way
}

func tooLarge(n int64) *Problem {
	return problem(http.StatusRequestEntityTooLarge, "too-large", "Request Entity Too Large", fmt.Sprintf("the request body exceeds %d bytes", n))
}

// recovery turns a panic into a 500 problem, logged with the panicking
// goroutine's stack (the frames name functions and files, not values) and
// the panic value with emails masked.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, rec any) {
		log.Error("panic recovered", "request_id", RequestID(c), "route", c.FullPath(),
			"panic", redactEmails(fmt.Sprint(rec)), "stack", string(debug.Stack()))
		Fail(c, errors.New("panic"))
	})
}

// emailLike is anything shaped like an email address (or user@host), the
// personal data an error text may quote from its input.
var emailLike = regexp.MustCompile(`[^\s@"'<>()\[\],;:]+@[^\s@"'<>()\[\],;:]+`)

// redactEmails masks whatever looks like an email address in a log text.
func redactEmails(s string) string {
	return emailLike.ReplaceAllString(s, "[email]")
}
