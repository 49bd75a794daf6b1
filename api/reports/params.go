package reports

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/reports"
)

// Limits of a page.
const (
	defaultLimit = 50
	maxLimit     = 200
	// csvBatch is how many rows a CSV download reads from the database at
	// a time (and sends before reading more).
	csvBatch = 500
)

// page is a JSON page's size and start.
type page struct {
	limit int
	after *reports.Cursor
}

// readPage reads ?limit= (1–200, default 50) and ?page_token=.
func readPage(c *gin.Context) (page, []api.FieldError) {
	p := page{limit: defaultLimit}
	var bad []api.FieldError
	if v, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			bad = append(bad, api.FieldError{Field: "limit", Detail: fmt.Sprintf("must be an integer from 1 to %d", maxLimit)})
		}
		p.limit = n
	}
	if v, ok := c.GetQuery("page_token"); ok {
		cur, good := decodeCursor(v)
		if !good {
			bad = append(bad, api.FieldError{Field: "page_token", Detail: "is not a page token this report returned"})
		}
		p.after = cur
	}
	return p, bad
}

// encodeCursor writes a page token: the last row's time (microseconds)
// and id, in base 36 (as the orders list does).
func encodeCursor(cur reports.Cursor) string {
	return strconv.FormatInt(cur.At.UnixMicro(), 36) + "." + strconv.FormatInt(cur.ID, 36)
}

func decodeCursor(s string) (*reports.Cursor, bool) {
	at, id, ok := strings.Cut(s, ".")
	if !ok || len(s) > 40 {
		return nil, false
	}
	us, err1 := strconv.ParseInt(at, 36, 64)
	n, err2 := strconv.ParseInt(id, 36, 64)
	if err1 != nil || err2 != nil || us <= 0 || n <= 0 {
		return nil, false
	}
	return &reports.Cursor{At: time.UnixMicro(us).UTC(), ID: n}, true
}

// readDate reads a date parameter (YYYY-MM-DD); nil when absent.
func readDate(c *gin.Context, name string) (*time.Time, []api.FieldError) {
	v, ok := c.GetQuery(name)
	if !ok {
		return nil, nil
	}
	d, err := time.Parse(reports.DateLayout, v)
	if err != nil || len(v) != len(reports.DateLayout) {
		return nil, []api.FieldError{{Field: name, Detail: "must be a date, YYYY-MM-DD"}}
	}
	return &d, nil
}

// readRange reads the dates from and to (inclusive): to not before from.
func readRange(c *gin.Context, from, to string) (lo, hi *time.Time, bad []api.FieldError) {
	lo, b1 := readDate(c, from)
	hi, b2 := readDate(c, to)
	bad = append(b1, b2...)
	if lo != nil && hi != nil && hi.Before(*lo) {
		bad = append(bad, api.FieldError{Field: to, Detail: "must not be before " + from})
	}
	return lo, hi, bad
}

// oneOf reads an optional parameter that must be one of values.
func oneOf[T ~string](c *gin.Context, name string, values []T) (T, []api.FieldError) {
	v, ok := c.GetQuery(name)
	if !ok {
		return "", nil
	}
	names := make([]string, len(values))
	for i, x := range values {
		if string(x) == v {
			return x, nil
		}
		names[i] = string(x)
	}
	return "", []api.FieldError{{Field: name, Detail: "must be one of " + strings.Join(names, ", ")}}
}

// report is one report's shape: its name (the JSON key of its rows and
// the CSV file's stem), its CSV header and row, and fetch, which reads a
// page of rows after a cursor.
type report[R any] struct {
	name    string
	columns []string
	record  func(R) []string
	fetch   func(after *reports.Cursor, limit int) ([]R, *reports.Cursor, error)
}

// answer serves the report over the coverage cv: a JSON page at pg, or
// with csv every row as a CSV download.
func (r report[R]) answer(c *gin.Context, cv coverage, pg page, csv bool) error {
	if csv {
		return r.stream(c, fileName(strings.ReplaceAll(r.name, "_", "-"), c, cv))
	}
	rows, next, err := r.fetch(pg.after, pg.limit)
	if err != nil {
		return err
	}
	resp := gin.H{"report": r.name, "scope": cv.Scope, "sites": cv.Sites, r.name: rows}
	if cv.Agreement != "" {
		resp["agreement_number"] = cv.Agreement
	}
	if next != nil {
		resp["next_page_token"] = encodeCursor(*next)
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// stream writes every page of the report to a CSV download named name,
// flushed after each page. The status is sent before the first page, so
// a failure later cannot become a problem document: the connection is
// cut instead, and the client sees a broken download rather than a short
// file.
func (r report[R]) stream(c *gin.Context, name string) error {
	w, err := api.StartCSV(c, name, r.columns...)
	if err != nil {
		return cut(c, err)
	}
	var after *reports.Cursor
	for {
		rows, next, err := r.fetch(after, csvBatch)
		for i := 0; err == nil && i < len(rows); i++ {
			err = w.Write(r.record(rows[i])...)
		}
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			return cut(c, err)
		}
		if next == nil {
			return nil
		}
		after = next
	}
}

// cut ends a download that failed after its status was sent: the error
// is recorded for the log and the connection closed mid-body.
func cut(c *gin.Context, err error) error {
	_ = c.Error(fmt.Errorf("csv download %s: %w", c.FullPath(), err))
	c.Abort()
	if conn, _, herr := c.Writer.Hijack(); herr == nil {
		_ = conn.Close()
	}
	return nil
}
