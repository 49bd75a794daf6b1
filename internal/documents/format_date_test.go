package documents_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/documents"
)

// Dates are the day in UTC, written out.
func TestFormatDate(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC), "30 November 2026"},
		{time.Date(2026, 12, 1, 8, 0, 0, 0, tokyo), "30 November 2026"},
		{time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), "5 January 2027"},
	} {
		if got := documents.FormatDate(c.t); got != c.want {
			t.Errorf("FormatDate(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}
