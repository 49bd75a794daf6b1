package api

import (
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// WantsCSV reports whether the caller asked for CSV: `format=csv`, or an
// Accept header naming text/csv (without format=json). Any other format
// value is a 400 naming the parameter.
func WantsCSV(c *gin.Context) (bool, error) {
	switch f := c.Query("format"); f {
	case "csv":
		return true, nil
	case "json":
		return false, nil
	case "":
		for _, part := range strings.Split(c.GetHeader("Accept"), ",") {
			if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "text/csv" {
				return true, nil
			}
		}
		return false, nil
	default:
		return false, Invalid(FieldError{Field: "format", Detail: "must be json or csv"})
	}
}

// CSVWriter writes one CSV document row by row straight to the response:
// nothing is held beyond the row being written. Cells that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or carriage
// return) are prefixed with a quote, as OWASP advises against CSV
// injection.
type CSVWriter struct {
	w   *csv.Writer
	row []string
}

// StartCSV sends the headers of a CSV download named filename and the
// header row. Errors after this point can no longer change the status.
func StartCSV(c *gin.Context, filename string, header ...string) (*CSVWriter, error) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	cw := &CSVWriter{w: csv.NewWriter(c.Writer)}
	if err := cw.Write(header...); err != nil {
		return nil, err
	}
	return cw, nil
}

// Write writes one row.
func (cw *CSVWriter) Write(cells ...string) error {
	cw.row = cw.row[:0]
	for _, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !number(s) {
			s = "'" + s
		}
		cw.row = append(cw.row, s)
	}
	if err := cw.w.Write(cw.row); err != nil {
		return fmt.Errorf("write csv row: %w", err)
	}
	return nil
}

// number reports whether s is a plain decimal number (-12, -0.50), which
// no spreadsheet runs as a formula.
func number(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && strings.Trim(s, "-0123456789.") == ""
}

// Flush sends what is buffered (call it every few hundred rows of a long
// file, and at the end) and reports any write error.
func (cw *CSVWriter) Flush() error {
	cw.w.Flush()
	if err := cw.w.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}
