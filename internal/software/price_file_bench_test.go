package software_test

import (
	"database/sql"
	"encoding/csv"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/software"
)

// BenchmarkPriceFile: the price file of a catalog of 100,000 products
// (USD, level E), one operation a page of software.PriceFilePage (1,000)
// products — `make bench` runs a fixed 200 operations, two whole files —
// written as the route writes it (a keyset page read, each row through
// api.CSVWriter, a flush; a new file starts when one ends), beside a bare
// baseline in the same run: one plain SELECT of the same rows over the
// whole catalog, streamed by hand through GORM's Rows() cursor into
// encoding/csv, 1,000 rows an operation (reopened when it ends). Both
// report the CSV bytes an operation and the heap's peak growth over the
// run.
func BenchmarkPriceFile(b *testing.B) {
	db := bigCatalog(b)
	b.Run("keyset-pages", func(b *testing.B) {
		b.ReportAllocs()
		out := &sink{}
		f := software.NewPriceFile(db, "USD", "E", opener(b, out), software.PriceFilePage)
		rows := 0
		h := measureHeap(func() {
			for b.Loop() {
				more, err := f.WritePage(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if !more {
					rows += f.Rows
					f = software.NewPriceFile(db, "USD", "E", opener(b, out), software.PriceFilePage)
				}
			}
		})
		rows += f.Rows
		report(b, rows, out.bytes, h)
	})
	b.Run("bare-select", func(b *testing.B) {
		b.ReportAllocs()
		out := &sink{}
		w := csv.NewWriter(out)
		var cur *sql.Rows
		defer func() {
			if cur != nil {
				_ = cur.Close()
			}
		}()
		rows := 0
		h := measureHeap(func() {
			for b.Loop() {
				if cur == nil {
					cur = bareCursor(b, db)
				}
				n, done := bareRows(b, cur, w, software.PriceFilePage)
				rows += n
				if done {
					_ = cur.Close()
					cur = nil
				}
			}
		})
		report(b, rows, out.bytes, h)
	})
}

func report(b *testing.B, rows int, bytes int64, h heapUse) {
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
	b.ReportMetric(float64(bytes)/float64(b.N), "csv-bytes/op")
	b.ReportMetric(mb(h.growth), "peak-heap-growth-MB")
}

// bareCursor opens one SELECT of the whole price list.
func bareCursor(b *testing.B, db *gorm.DB) *sql.Rows {
	b.Helper()
	rows, err := db.WithContext(ctx).Raw(`SELECT p.part_number, p.description, p.category, p.license_type, pr.unit_minor
		FROM products p LEFT JOIN prices pr ON pr.product_id = p.id AND pr.currency = ? AND pr.price_level = ?
		ORDER BY p.part_number`, "USD", "E").Rows()
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

// bareRows writes up to n rows of cur to w by hand and flushes; done when
// the cursor is exhausted.
func bareRows(b *testing.B, cur *sql.Rows, w *csv.Writer, n int) (written int, done bool) {
	b.Helper()
	var (
		part, desc, cat, lt string
		unit                *int64
		cells               = make([]string, 5)
	)
	for written < n {
		if !cur.Next() {
			if err := cur.Err(); err != nil {
				b.Fatal(err)
			}
			done = true
			break
		}
		if err := cur.Scan(&part, &desc, &cat, &lt, &unit); err != nil {
			b.Fatal(err)
		}
		cells[0], cells[1], cells[2], cells[3], cells[4] = part, desc, cat, lt, ""
		if unit != nil {
			cells[4] = strconv.FormatInt(*unit, 10)
		}
		if err := w.Write(cells); err != nil {
			b.Fatal(err)
		}
		written++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		b.Fatal(err)
	}
	return written, done
}
