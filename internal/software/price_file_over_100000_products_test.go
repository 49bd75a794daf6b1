package software_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/software"
)

// TestPriceFileOver100000Products: the price file of a catalog of 100,000
// products, whose generation is the slow part, shared by the subtests.
func TestPriceFileOver100000Products(t *testing.T) {
	db := bigCatalog(t)
	t.Run("streams in bounded memory", func(t *testing.T) { streamsInBoundedMemory(t, db) })
	t.Run("reads each page through the indexes", func(t *testing.T) { readsEachPageThroughTheIndexes(t, db) })
}

// streamsInBoundedMemory: the price file of a catalog of 100,000 products (about 16 MB of CSV) is written a page at a time: the
// heap in use, sampled every few milliseconds while it streams, grows by
// no more than a fixed 8 MiB (one page of rows plus the collector's
// slack: the heap may reach twice what is live, and 4 MB at least) and by
// under half the file, whatever the catalog's size (30,000 products grow
// it by as much). Loading the products first would hold them all at once,
// twice the file's size as Go values.
func streamsInBoundedMemory(t *testing.T, db *gorm.DB) {

	var (
		rows int
		s    *sink
	)
	start := time.Now()
	h := measureHeap(func() { rows, s = writePriceFile(t, db, "USD", "E") })
	took := time.Since(start)
	growth := h.growth

	if rows < bigCatalogSize || s.status != 200 {
		t.Fatalf("wrote %d rows (status %d), want at least %d", rows, s.status, bigCatalogSize)
	}
	t.Logf("price file: %d rows, %.1f MB in %s; heap in use %.1f MB before, peak %.1f MB (growth %.1f MB, %.0f%% of the file); "+
		"allocated %.1f MB in all (%.0f bytes and %.1f allocations a row)",
		rows, mb(s.bytes), took.Round(time.Millisecond), mb(int64(h.base)), mb(int64(h.peak)), mb(growth),
		100*float64(growth)/float64(s.bytes), mb(int64(h.allocated)), float64(h.allocated)/float64(rows),
		float64(h.mallocs)/float64(rows))
	if s.bytes < 10<<20 {
		t.Fatalf("the file is only %d bytes: too small to tell streaming from loading", s.bytes)
	}
	if growth > 8<<20 || growth > s.bytes/2 {
		t.Errorf("the heap in use grew by %.1f MB while writing a %.1f MB file: not streaming", mb(growth), mb(s.bytes))
	}
}

// planNode is a node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	Plans        []planNode `json:"Plans"`
}

// nodes lists "Node Type on relation index" for the plan and its children.
func (n planNode) nodes() []string {
	out := []string{strings.TrimSpace(n.NodeType + " on " + n.RelationName + " " + n.IndexName)}
	for _, c := range n.Plans {
		out = append(out, c.nodes()...)
	}
	return out
}

// readsEachPageThroughTheIndexes: a page of the price file (the first,
// one deep in the catalog, a page of JSON) is an index range scan of the
// part numbers that stops at the page, each price read by the primary key
// of prices: no sequential scan, no sort, no parallel workers (whose
// start cost a page two seconds in a join's plan).
func readsEachPageThroughTheIndexes(t *testing.T, db *gorm.DB) {
	for _, c := range []struct {
		after string
		limit int
	}{{"", software.PriceFilePage}, {"E", software.PriceFilePage}, {"D0R4ZLL", 101}} {
		raw, err := software.ExplainPricePage(ctx, db, "USD", "E", c.after, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		var plans []struct{ Plan planNode }
		if err := json.Unmarshal([]byte(raw), &plans); err != nil || len(plans) != 1 {
			t.Fatalf("explain: %v %s", err, raw)
		}
		nodes := plans[0].Plan.nodes()
		joined := strings.Join(nodes, " | ")
		for _, bad := range []string{"Seq Scan", "Sort", "Gather", "Hash"} {
			if strings.Contains(joined, bad) {
				t.Errorf("page after %q: the plan has a %s: %s", c.after, bad, joined)
			}
		}
		for _, want := range []string{"Index Scan on products products_part_number_key", "Index Scan on prices prices_pkey"} {
			if !strings.Contains(joined, want) {
				t.Errorf("page after %q: the plan has no %s: %s", c.after, want, joined)
			}
		}
	}
}
