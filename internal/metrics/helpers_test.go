package metrics_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/metrics"
	"github.com/pao/pao/internal/metrics/metricstest"
)

// scraper serves a registry with the read-model gauges of db, as the
// worker does, and scrapes it over HTTP.
type scraper struct {
	t   *testing.T
	url string
}

func newScraper(t *testing.T, db *gorm.DB) *scraper {
	t.Helper()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	m := metrics.New(log)
	unwatch, err := m.Watch(metrics.NewStore(db, log, 0))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(m.Handler())
	t.Cleanup(func() {
		ts.Close()
		unwatch()
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return &scraper{t: t, url: ts.URL}
}

func (s *scraper) scrape() metricstest.Families {
	s.t.Helper()
	return metricstest.Scrape(s.t, s.url)
}

// exec runs statements, failing the test on the first error.
func exec(t *testing.T, db *gorm.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if err := db.Exec(q).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
