package api

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgconn"
)

// ProblemBase prefixes every problem type URI; docs/problems.md lists them.
const ProblemBase = "https://pao.example.com/problems/"

// Problem is an RFC 9457 problem details document.
type Problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Rule      string       `json:"rule,omitempty"`
	Errors    []FieldError `json:"errors,omitempty"`
}

// FieldError names an offending field and what is wrong with it.
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// Error makes *Problem an error so handlers can return it.
func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Title, p.Detail) }

// Problem constructors, one per stable type.
func problem(status int, slug, title, detail string) *Problem {
	return &Problem{Type: ProblemBase + slug, Title: title, Status: status, Detail: detail}
}

// NotFound is a 404.
func NotFound(detail string) *Problem {
	return problem(http.StatusNotFound, "not-found", "Not Found", detail)
}

// Unauthorized is a 401.
func Unauthorized(detail string) *Problem {
	return problem(http.StatusUnauthorized, "unauthorized", "Unauthorized", detail)
}

// Forbidden is a 403.
func Forbidden(detail string) *Problem {
	return problem(http.StatusForbidden, "forbidden", "Forbidden", detail)
}

// Conflict is a 409 naming the rule broken.
func Conflict(rule, detail string) *Problem {
	p := problem(http.StatusConflict, "conflict", "Conflict", detail)
	p.Rule = rule
	return p
}

// Unprocessable is a 422 naming the rule broken.
func Unprocessable(rule, detail string) *Problem {
	p := problem(http.StatusUnprocessableEntity, "rule-violation", "Business rule violated", detail)
	p.Rule = rule
	return p
}

// Invalid is a 400 validation failure listing the offending fields, in a
// stable order (by field name).
func Invalid(fields ...FieldError) *Problem {
	p := problem(http.StatusBadRequest, "validation", "Invalid request", "one or more fields are invalid")
	fields = slices.Clone(fields)
	slices.SortStableFunc(fields, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
	p.Errors = fields
	if len(fields) == 1 {
		p.Detail = fields[0].Field + ": " + fields[0].Detail
	}
	return p
}

// Unavailable is a 503.
func Unavailable(detail string) *Problem {
	return problem(http.StatusServiceUnavailable, "unavailable", "Service Unavailable", detail)
}

// writeProblem sends p as application/problem+json and aborts the chain.
func writeProblem(c *gin.Context, p *Problem) {
	if p.Instance == "" {
		p.Instance = c.Request.URL.Path
	}
	p.RequestID = RequestID(c)
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(p.Status, p) // keeps the Content-Type set above
}

// Fail sends err: a *Problem as itself, anything else as a logged 500. A
// value PostgreSQL refused (a data exception or a check constraint: input
// validation missed it) is still the client's bad input: logged as an
// error for us to fix, answered as a 4xx, never a 500.
func Fail(c *gin.Context, err error) {
	var p *Problem
	if errors.As(err, &p) {
		writeProblem(c, p)
		return
	}
	_ = c.Error(err)
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		field := pg.ColumnName
		if field == "" {
			field = "body"
		}
		switch {
		case strings.HasPrefix(pg.Code, "22"): // data exception
			writeProblem(c, Invalid(FieldError{Field: field, Detail: "is not a value that can be stored"}))
			return
		case pg.Code == "23514", pg.Code == "23502": // check or not-null violation
			writeProblem(c, Invalid(FieldError{Field: field, Detail: "is not an accepted value"}))
			return
		}
	}
	writeProblem(c, problem(http.StatusInternalServerError, "internal", "Internal Server Error", "an unexpected error occurred; quote the request id when reporting it"))
}
