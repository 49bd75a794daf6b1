package metrics

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"
)

// StoreTimeout bounds the queries of one scrape of the read-model gauges.
const StoreTimeout = 3 * time.Second

// Store reads the outbox and the business processes from the read model
// at each scrape, one grouped query per table. A query that fails (or runs
// past the timeout) is logged and its family left out of that scrape;
// pao_read_model_scrape_ok says which.
type Store struct {
	db      *gorm.DB
	log     *slog.Logger
	timeout time.Duration

	outbox       *prometheus.Desc
	outboxOldest *prometheus.Desc
	scrapeOK     *prometheus.Desc
	families     []family
}

// family is one business gauge: a grouped count of a table, with the
// label sets it always reports (0 when no row has them).
type family struct {
	source string
	desc   *prometheus.Desc
	kind   prometheus.ValueType
	query  string
	known  [][]string
}

// NewStore builds the read-model collector on db; timeout bounds a scrape
// (StoreTimeout when 0).
func NewStore(db *gorm.DB, log *slog.Logger, timeout time.Duration) *Store {
	if timeout <= 0 {
		timeout = StoreTimeout
	}
	name := func(n string) string { return prometheus.BuildFQName(Namespace, "", n) }
	return &Store{
		db: db, log: log, timeout: timeout,
		outbox: prometheus.NewDesc(name("outbox_messages"),
			"Emails in the outbox by state: queued (not sent, no failed attempt), retrying (not sent, the last attempt failed, another is due), failed (given up after the last attempt; an operator resends) and sent.",
			[]string{"state"}, nil),
		outboxOldest: prometheus.NewDesc(name("outbox_oldest_unsent_age_seconds"),
			"Age of the oldest email still to be sent (queued or retrying; not the given-up ones), 0 when none.",
			nil, nil),
		scrapeOK: prometheus.NewDesc(name("read_model_scrape_ok"),
			"1 when this scrape read the source table, 0 when its query failed or timed out (its gauges are missing).",
			[]string{"source"}, nil),
		families: businessFamilies(name),
	}
}

// Describe sends every descriptor.
func (s *Store) Describe(ch chan<- *prometheus.Desc) {
	ch <- s.outbox
	ch <- s.outboxOldest
	ch <- s.scrapeOK
	for _, f := range s.families {
		ch <- f.desc
	}
}

// Collect runs the queries. The scrape carries no context of its own, so
// the collector bounds its queries with its timeout.
func (s *Store) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	s.report(ch, "outbox", s.collectOutbox(ctx, ch))
	for _, f := range s.families {
		s.report(ch, f.source, s.collectFamily(ctx, ch, f))
	}
}

func (s *Store) report(ch chan<- prometheus.Metric, source string, err error) {
	ok := 1.0
	if err != nil {
		ok = 0
		s.log.Warn("metrics: read model query failed", "source", source, "error", err)
	}
	ch <- prometheus.MustNewConstMetric(s.scrapeOK, prometheus.GaugeValue, ok, source)
}

// givenUp is the next attempt the outbox sender sets on a message it gave
// up on (internal/mail: "never again").
const givenUp = `'9999-01-01'::timestamptz`

func (s *Store) collectOutbox(ctx context.Context, ch chan<- prometheus.Metric) error {
	var r struct {
		Queued, Retrying, Failed, Sent int64
		Oldest                         float64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT
		count(*) FILTER (WHERE sent_at IS NULL AND next_attempt_at < ` + givenUp + ` AND last_error = '') AS queued,
		count(*) FILTER (WHERE sent_at IS NULL AND next_attempt_at < ` + givenUp + ` AND last_error <> '') AS retrying,
		count(*) FILTER (WHERE sent_at IS NULL AND next_attempt_at >= ` + givenUp + `) AS failed,
		count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
		COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL AND next_attempt_at < ` + givenUp + `)), 0)::float8 AS oldest
		FROM outbox`).Scan(&r).Error
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	for state, n := range map[string]int64{"queued": r.Queued, "retrying": r.Retrying, "failed": r.Failed, "sent": r.Sent} {
		ch <- prometheus.MustNewConstMetric(s.outbox, prometheus.GaugeValue, float64(n), state)
	}
	ch <- prometheus.MustNewConstMetric(s.outboxOldest, prometheus.GaugeValue, max(r.Oldest, 0))
	return nil
}

// enumValue is what a label read from a table may look like: the tables'
// CHECK constraints allow only such words, and anything else (which no
// row can hold today) is reported as "other" rather than as itself.
var enumValue = regexp.MustCompile(`^[a-z][a-z_-]{0,39}$`)

func (s *Store) collectFamily(ctx context.Context, ch chan<- prometheus.Metric, f family) error {
	rows, err := s.db.WithContext(ctx).Raw(f.query).Rows()
	if err != nil {
		return fmt.Errorf("%s: %w", f.source, err)
	}
	defer rows.Close()
	counts := map[[2]string]float64{}
	for _, k := range f.known {
		counts[key(k...)] = 0
	}
	labels := len(f.known[0])
	for rows.Next() {
		var a, b string
		var n int64
		dest := []any{&a, &n}
		if labels == 2 {
			dest = []any{&a, &b, &n}
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("%s: %w", f.source, err)
		}
		counts[key(clean(a), clean(b))] += float64(n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", f.source, err)
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(f.desc, f.kind, n, k[:labels]...)
	}
	return nil
}

func key(v ...string) [2]string {
	var k [2]string
	copy(k[:], v)
	return k
}

func clean(v string) string {
	if v == "" || enumValue.MatchString(v) {
		return v
	}
	return "other"
}
