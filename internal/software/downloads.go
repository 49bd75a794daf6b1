// Package software is the Software & services tool (SPEC B1 tool 1, B4)
// read against and written to PostgreSQL: the packages a site may
// download and the one it asks for, the audit row of each download, the
// requests for physical media (one transaction: the request, the email to
// the site's media delivery contact in the outbox, the audit row), and the
// site's price file, streamed in keyset pages.
//
// Entitlement: a site may download a package when it holds S&S coverage
// (a coverages row) of the package's product, the part coverage is held on
// (the S&S renewal part; a licence or reinstatement part names it by its
// description, models.CoverageStem). While the coverage is current every
// package released so far is the site's; once it has lapsed, the versions
// released up to its end date stay downloadable and later ones are not
// (a real portal lets you keep what you were entitled to while covered).
// A package the site is not entitled to does not exist for it.
package software

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/accounts"
	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// ErrNotEntitled: no such package, product or coverage for the site (the
// API answers 404, whether it exists elsewhere or not).
var ErrNotEntitled = errors.New("not entitled on this site")

// FieldError is input the service refuses, naming the field.
type FieldError struct {
	Field  string
	Detail string
}

func (e *FieldError) Error() string { return "software: " + e.Field + ": " + e.Detail }

// Download is a package a site may download, with the coverage that
// entitles it.
type Download struct {
	ID            int64           `json:"id"`
	PartNumber    string          `json:"part_number"`
	Product       string          `json:"product"`
	Version       string          `json:"version"`
	Platform      models.Platform `json:"platform"`
	PlatformTitle string          `json:"platform_title"`
	FileName      string          `json:"file_name"`
	SizeBytes     int64           `json:"size_bytes"`
	SHA256        string          `json:"sha256"`
	ReleasedOn    string          `json:"released_on"` // YYYY-MM-DD
	// SSEnd is the last day (YYYY-MM-DD) of the site's S&S coverage of the
	// product and SSCurrent whether it still covers today.
	SSEnd     string `json:"ss_end_date"`
	SSCurrent bool   `json:"ss_current"`
}

// downloadRow is a row of the entitled packages query.
type downloadRow struct {
	ID          int64
	PartNumber  string
	Description string
	Version     string
	Platform    string
	FileName    string
	SizeBytes   int64
	SHA256      string `gorm:"column:sha256"`
	ReleasedOn  time.Time
	EndDate     time.Time
}

func (r downloadRow) view(today time.Time) Download {
	p := models.Platform(r.Platform)
	return Download{
		ID: r.ID, PartNumber: r.PartNumber, Product: models.CoverageStem(r.Description), Version: r.Version,
		Platform: p, PlatformTitle: p.Title(), FileName: r.FileName, SizeBytes: r.SizeBytes, SHA256: r.SHA256,
		ReleasedOn: models.Day(r.ReleasedOn).Format(time.DateOnly), SSEnd: models.Day(r.EndDate).Format(time.DateOnly),
		SSCurrent: models.SSCurrent(r.EndDate, today),
	}
}

// entitledSQL selects the packages site @site is entitled to on @today,
// each with its product and the coverage's end; %s adds conditions.
const entitledSQL = `SELECT k.id, p.part_number, p.description, k.version, k.platform, k.file_name, k.size_bytes,
	k.sha256, k.released_on, c.end_date
FROM coverages c
JOIN packages k ON k.product_id = c.product_id
JOIN products p ON p.id = k.product_id
WHERE c.site_id = @site AND k.released_on <= c.end_date AND k.released_on <= @today%s`

// Filter narrows a site's downloads.
type Filter struct {
	// ProductID is the product coverage is held on (CoverageProduct); 0: all.
	ProductID int64
	// Platform, when set, keeps that platform's packages.
	Platform models.Platform
}

// Cursor is where a page of downloads ends: products by part number, and
// within one the newest release first (then the highest id).
type Cursor struct {
	PartNumber string
	ReleasedOn time.Time
	ID         int64
}

// Token writes the cursor as a page token: part.yyyymmdd.id(base 36).
func (c Cursor) Token() string {
	return c.PartNumber + "." + c.ReleasedOn.Format("20060102") + "." + strconv.FormatInt(c.ID, 36)
}

var tokenRe = regexp.MustCompile(`^([A-Z0-9]{5,10})\.([0-9]{8})\.([0-9a-z]{1,13})$`)

// ParseCursor reads a page token Token wrote; false if it is not one.
func ParseCursor(s string) (Cursor, bool) {
	m := tokenRe.FindStringSubmatch(s)
	if m == nil {
		return Cursor{}, false
	}
	day, err1 := time.Parse("20060102", m[2])
	id, err2 := strconv.ParseInt(m[3], 36, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return Cursor{}, false
	}
	return Cursor{PartNumber: m[1], ReleasedOn: day, ID: id}, true
}

// Downloads lists the packages site siteID may download on today, by
// product part number and newest release first, limit at a time after
// the cursor (nil: from the start); next is set while more follow.
func Downloads(ctx context.Context, db *gorm.DB, siteID int64, f Filter, after *Cursor, limit int, today time.Time) (out []Download, next *Cursor, err error) {
	today = models.Day(today)
	var cond strings.Builder
	args := map[string]any{"site": siteID, "today": today, "limit": limit + 1}
	if f.ProductID != 0 {
		cond.WriteString(" AND k.product_id = @product")
		args["product"] = f.ProductID
	}
	if f.Platform != "" {
		cond.WriteString(" AND k.platform = @platform")
		args["platform"] = string(f.Platform)
	}
	if after != nil {
		cond.WriteString(` AND (p.part_number > @apart OR (p.part_number = @apart AND
			(k.released_on < @aday OR (k.released_on = @aday AND k.id < @aid))))`)
		args["apart"], args["aday"], args["aid"] = after.PartNumber, after.ReleasedOn, after.ID
	}
	q := fmt.Sprintf(entitledSQL, cond.String()) + ` ORDER BY p.part_number, k.released_on DESC, k.id DESC LIMIT @limit`
	var rows []downloadRow
	if err := db.WithContext(ctx).Raw(q, args).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("downloads of site id %d: %w", siteID, err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = &Cursor{PartNumber: last.PartNumber, ReleasedOn: models.Day(last.ReleasedOn), ID: last.ID}
	}
	out = make([]Download, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view(today))
	}
	return out, next, nil
}

// fileNameRe is the shape of a package's file name (migration 00015).
var fileNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// idRe is the shape of a package id.
var idRe = regexp.MustCompile(`^[1-9][0-9]{0,17}$`)

// Entitled finds the package named by key (its id or its file name) among
// those site siteID may download on today; ErrNotEntitled when it is not
// one of them (or there is no such package, or key has neither shape).
func Entitled(ctx context.Context, db *gorm.DB, siteID int64, key string, today time.Time) (Download, error) {
	today = models.Day(today)
	args := map[string]any{"site": siteID, "today": today}
	var cond string
	switch {
	case idRe.MatchString(key):
		id, _ := strconv.ParseInt(key, 10, 64)
		cond, args["key"] = " AND k.id = @key", id
	case fileNameRe.MatchString(key):
		cond, args["key"] = " AND k.file_name = @key", key
	default:
		return Download{}, ErrNotEntitled
	}
	var rows []downloadRow
	if err := db.WithContext(ctx).Raw(fmt.Sprintf(entitledSQL, cond), args).Scan(&rows).Error; err != nil {
		return Download{}, fmt.Errorf("package %s of site id %d: %w", key, siteID, err)
	}
	if len(rows) == 0 {
		return Download{}, ErrNotEntitled
	}
	return rows[0].view(today), nil
}

// CoverageProduct is the product S&S coverage of part number part is held
// on: the part itself when it is an S&S renewal part, otherwise the S&S
// renewal part with the same product name (models.CoverageStem), or the
// part itself when there is none; it is how fulfilment chooses the
// coverage a licence line extends (activities/orders_fulfil.go). false
// when there is no such part.
func CoverageProduct(ctx context.Context, db *gorm.DB, part string) (int64, bool, error) {
	var p models.Product
	err := db.WithContext(ctx).Select("id", "part_number", "description", "license_type").Where("part_number = ?", part).Take(&p).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("product %s: %w", part, err)
	}
	id, err := catalog.CoverageProductID(db.WithContext(ctx), p)
	if err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// RecordDownload writes the audit row of one download of d on site by
// actor, through the link that expires at expires.
func RecordDownload(ctx context.Context, db *gorm.DB, actor accounts.Actor, site models.Site, d Download, expires time.Time) error {
	after := map[string]any{
		"package_id": d.ID, "part_number": d.PartNumber, "version": d.Version, "platform": d.Platform,
		"file_name": d.FileName, "size_bytes": d.SizeBytes, "sha256": d.SHA256, "link_expires_at": expires.UTC(),
	}
	siteID, customerID := site.ID, site.CustomerID
	if err := accounts.Audit(db.WithContext(ctx), actor, "software.download", &siteID, &customerID,
		"package", strconv.FormatInt(d.ID, 10), nil, after); err != nil {
		return fmt.Errorf("audit download of %s: %w", d.FileName, err)
	}
	return nil
}
