package software

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// PriceRow is one product of a price list, with its unit price in the
// list's currency at its price level; Price is nil when it has none there
// (its price is on request: a quote is needed).
type PriceRow struct {
	PartNumber  string             `json:"part_number"`
	Description string             `json:"description"`
	Category    string             `json:"category"`
	LicenseType models.LicenseType `json:"license_type"`
	Price       *models.Money      `json:"price"`
}

// PriceFileHeader is the header row of the price file.
func PriceFileHeader() []string {
	return []string{"part_number", "description", "category", "license_type", "currency", "price_level",
		"unit_price", "unit_price_minor", "price_on_request"}
}

// cells fills dst (len(PriceFileHeader())) with the row as the price file
// writes it, without allocating beyond the amounts' text.
func (r PriceRow) cells(dst []string, currency, level string) {
	dst[0], dst[1], dst[2], dst[3], dst[4], dst[5] = r.PartNumber, r.Description, r.Category, string(r.LicenseType), currency, level
	if r.Price == nil {
		dst[6], dst[7], dst[8] = "", "", "true"
		return
	}
	dst[6], dst[7], dst[8] = models.PlainAmount(*r.Price), strconv.FormatInt(r.Price.Minor, 10), "false"
}

// partRe is the shape of a part number (migration 00001), and so of a
// price list's page token.
var partRe = regexp.MustCompile(`^[A-Z0-9]{5,10}$`)

// ValidPriceToken reports whether s can be a page token of a price list
// (the part number the previous page ended on).
func ValidPriceToken(s string) bool { return partRe.MatchString(s) }

// pricePageSQL is one page of the price list: an index range scan of the
// part numbers that stops at the limit (a literal: %d), each product's
// price looked up by the primary key of prices. The price is a scalar
// subquery rather than a join: with a join PostgreSQL chose, on 100,000
// products, a parallel plan whose workers took two seconds a page to start
// and merge (38 ms this way).
const pricePageSQL = `SELECT p.part_number, p.description, p.category, p.license_type,
	(SELECT pr.unit_minor FROM prices pr WHERE pr.product_id = p.id AND pr.currency = ? AND pr.price_level = ?)
FROM products p WHERE p.part_number > ? ORDER BY p.part_number LIMIT %d`

// PricePage appends to dst (reusing its storage) up to limit products
// after part number after ("" from the first), by part number, priced in
// currency at level, in one statement (pricePageSQL).
func PricePage(ctx context.Context, db *gorm.DB, currency, level, after string, limit int, dst []PriceRow) ([]PriceRow, error) {
	dst = dst[:0]
	if limit < 1 {
		return dst, nil
	}
	rows, err := db.WithContext(ctx).Raw(fmt.Sprintf(pricePageSQL, limit), currency, level, after).Rows()
	if err != nil {
		return nil, fmt.Errorf("price list in %s at level %s after %q: %w", currency, level, after, err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var (
			r    PriceRow
			lt   string
			unit *int64
		)
		if err := rows.Scan(&r.PartNumber, &r.Description, &r.Category, &lt, &unit); err != nil {
			return nil, fmt.Errorf("price list row: %w", err)
		}
		r.LicenseType = models.LicenseType(lt)
		if unit != nil {
			r.Price = &models.Money{Minor: *unit, Currency: currency}
		}
		dst = append(dst, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("price list in %s at level %s: %w", currency, level, err)
	}
	return dst, nil
}

// ExplainPricePage is PostgreSQL's plan of a page of the price list
// (EXPLAIN, FORMAT JSON), for the tests that keep it an index scan.
func ExplainPricePage(ctx context.Context, db *gorm.DB, currency, level, after string, limit int) (string, error) {
	var plan string
	if err := db.WithContext(ctx).Raw("EXPLAIN (FORMAT JSON) "+fmt.Sprintf(pricePageSQL, limit), currency, level, after).
		Row().Scan(&plan); err != nil {
		return "", fmt.Errorf("explain the price list: %w", err)
	}
	return plan, nil
}

// RowWriter writes the rows of a CSV document (api.CSVWriter is one).
type RowWriter interface {
	Write(cells ...string) error
	Flush() error
}

// PriceFilePage is how many products the price file reads and writes at a
// time: one page is held in memory, then written and flushed.
const PriceFilePage = 1000

// PriceFile writes one price file a page at a time: every product of the
// catalog with its price in one currency at one level, in keyset pages by
// part number.
type PriceFile struct {
	db              *gorm.DB
	currency, level string
	pageSize        int
	open            func() (RowWriter, error)
	w               RowWriter
	page            []PriceRow
	cells           []string
	after           string
	done            bool
	// Rows is how many products have been written so far.
	Rows int
}

// NewPriceFile prepares the price file of currency and level, pageSize
// products a page (PriceFilePage when below 1). open gives the writer once
// the first page is read (the caller sends its headers then, so a catalog
// it cannot read is still an error response) and writes the header row.
func NewPriceFile(db *gorm.DB, currency, level string, open func() (RowWriter, error), pageSize int) *PriceFile {
	if pageSize < 1 {
		pageSize = PriceFilePage
	}
	return &PriceFile{db: db, currency: currency, level: level, pageSize: pageSize, open: open,
		page: make([]PriceRow, 0, pageSize), cells: make([]string, len(PriceFileHeader()))}
}

// WritePage reads the next page, writes it and flushes; more is false once
// the last page is written.
func (f *PriceFile) WritePage(ctx context.Context) (more bool, err error) {
	if f.done {
		return false, nil
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("price file: %w", err)
	}
	if f.page, err = PricePage(ctx, f.db, f.currency, f.level, f.after, f.pageSize, f.page); err != nil {
		return false, err
	}
	if f.w == nil {
		if f.w, err = f.open(); err != nil {
			return false, err
		}
	}
	for _, r := range f.page {
		r.cells(f.cells, f.currency, f.level)
		if err := f.w.Write(f.cells...); err != nil {
			return false, err
		}
	}
	f.Rows += len(f.page)
	if err := f.w.Flush(); err != nil {
		return false, err
	}
	if len(f.page) < f.pageSize {
		f.done = true
		return false, nil
	}
	f.after = f.page[len(f.page)-1].PartNumber
	return true, nil
}

// WritePriceFile writes the whole price file (NewPriceFile) and returns
// how many products it wrote. Memory stays at one page whatever the
// catalog's size, and no database connection is held while the client
// reads. A product added or removed meanwhile may or may not be in the
// file; none is written twice. It stops when ctx is done (the client went
// away).
func WritePriceFile(ctx context.Context, db *gorm.DB, currency, level string, open func() (RowWriter, error), pageSize int) (int, error) {
	f := NewPriceFile(db, currency, level, open, pageSize)
	for {
		more, err := f.WritePage(ctx)
		if err != nil || !more {
			return f.Rows, err
		}
	}
}
