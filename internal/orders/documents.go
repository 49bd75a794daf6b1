package orders

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// DocumentSummary is a document in a site's list.
type DocumentSummary struct {
	ID             int64     `json:"id"`
	Number         string    `json:"number"`
	Kind           string    `json:"kind"`
	OrderReference string    `json:"order_reference"`
	IssuedAt       time.Time `json:"issued_at"`
}

// Document is a stored document and the site it belongs to.
type Document struct {
	ID     int64
	SiteID int64
	PoE    models.ProofOfEntitlement
}

type documentRow struct {
	ID             int64
	Number         string
	Kind           string
	SiteID         int64
	OrderReference string
	IssuedAt       time.Time
	Content        []byte
}

// Documents lists up to limit documents of site, newest first, after
// cursor, with the next page's cursor.
func Documents(ctx context.Context, db *gorm.DB, siteID int64, after *Cursor, limit int) ([]DocumentSummary, *Cursor, error) {
	var rows []documentRow
	err := db.WithContext(ctx).Raw(`SELECT d.id, d.number, d.kind, d.site_id, o.reference AS order_reference, d.issued_at
		FROM documents d JOIN orders o ON o.id = d.order_id
		WHERE d.site_id = ? AND (?::timestamptz IS NULL OR (d.issued_at, d.id) < (?::timestamptz, ?))
		ORDER BY d.issued_at DESC, d.id DESC LIMIT ?`, siteID, cursorAt(after), cursorAt(after), cursorID(after), limit+1).Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("list documents: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &Cursor{At: last.IssuedAt, ID: last.ID}
	}
	out := make([]DocumentSummary, 0, len(rows))
	for _, r := range rows {
		out = append(out, DocumentSummary{ID: r.ID, Number: r.Number, Kind: r.Kind, OrderReference: r.OrderReference, IssuedAt: r.IssuedAt.UTC()})
	}
	return out, next, nil
}

// LoadDocument reads document id (ErrNotFound if none).
func LoadDocument(ctx context.Context, db *gorm.DB, id int64) (Document, error) {
	return loadDocument(ctx, db, "id = ?", id)
}

// LoadDocumentByNumber reads the document numbered number.
func LoadDocumentByNumber(ctx context.Context, db *gorm.DB, number string) (Document, error) {
	return loadDocument(ctx, db, "number = ?", number)
}

func loadDocument(ctx context.Context, db *gorm.DB, where string, arg any) (Document, error) {
	var r documentRow
	res := db.WithContext(ctx).Raw(`SELECT id, number, kind, site_id, issued_at, content FROM documents WHERE `+where, arg).Scan(&r)
	if res.Error != nil {
		return Document{}, fmt.Errorf("load document %v: %w", arg, res.Error)
	}
	if res.RowsAffected == 0 {
		return Document{}, ErrNotFound
	}
	d := Document{ID: r.ID, SiteID: r.SiteID}
	if err := json.Unmarshal(r.Content, &d.PoE); err != nil {
		return Document{}, fmt.Errorf("document %v content: %w", arg, err)
	}
	return d, nil
}
