package orders

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// DocumentSummary is a document in a site's list: a Proof of Entitlement
// an order of the site issued, or a document of the site's agreement.
type DocumentSummary struct {
	// ID is a Proof of Entitlement's id (0 for an agreement document:
	// every document is named by its number).
	ID             int64     `json:"id,omitempty"`
	Number         string    `json:"number"`
	Kind           string    `json:"kind"`
	Title          string    `json:"title"`
	Version        string    `json:"version,omitempty"`
	OrderReference string    `json:"order_reference,omitempty"`
	IssuedAt       time.Time `json:"issued_at"`
}

// PoETitle is the title a Proof of Entitlement has in a list.
const PoETitle = "Proof of Entitlement"

// DocumentCursor is where a page of a site's documents starts: after the
// document issued at At numbered Number (numbers are unique across both
// kinds of document).
type DocumentCursor struct {
	At     time.Time
	Number string
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
	Title          string
	Version        string
	SiteID         int64
	OrderReference string
	IssuedAt       time.Time
	Content        []byte
}

// siteDocumentsSQL lists a site's Proofs of Entitlement and the documents
// of its agreement (those of the customer without an agreement too).
const siteDocumentsSQL = `SELECT x.id, x.number, x.kind, x.title, x.version, x.order_reference, x.issued_at FROM (
	SELECT d.id, d.number, d.kind, @poe_title AS title, '' AS version, o.reference AS order_reference, d.issued_at
		FROM documents d JOIN orders o ON o.id = d.order_id WHERE d.site_id = @site
	UNION ALL
	SELECT 0, a.number, a.kind, a.title, a.version, '', a.issued_at
		FROM agreement_documents a
		WHERE a.customer_id = @customer AND (a.agreement_id IS NULL OR a.agreement_id = @agreement)
	) x`

// Documents lists up to limit documents of site, newest first, after
// cursor, with the next page's cursor: the Proofs of Entitlement its
// orders issued and the documents of its agreement, in one list.
func Documents(ctx context.Context, db *gorm.DB, site models.Site, after *DocumentCursor, limit int) ([]DocumentSummary, *DocumentCursor, error) {
	q := siteDocumentsSQL
	args := []any{sql.Named("poe_title", PoETitle), sql.Named("site", site.ID), sql.Named("customer", site.CustomerID),
		sql.Named("agreement", site.AgreementID), sql.Named("limit", limit+1)}
	if after != nil {
		q += ` WHERE (x.issued_at, x.number) < (@after_at, @after_number)`
		args = append(args, sql.Named("after_at", after.At), sql.Named("after_number", after.Number))
	}
	var rows []documentRow
	if err := db.WithContext(ctx).Raw(q+` ORDER BY x.issued_at DESC, x.number DESC LIMIT @limit`, args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("list documents of site %s: %w", site.SiteNumber, err)
	}
	var next *DocumentCursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &DocumentCursor{At: last.IssuedAt, Number: last.Number}
	}
	out := make([]DocumentSummary, 0, len(rows))
	for _, r := range rows {
		out = append(out, DocumentSummary{ID: r.ID, Number: r.Number, Kind: r.Kind, Title: r.Title, Version: r.Version,
			OrderReference: r.OrderReference, IssuedAt: r.IssuedAt.UTC()})
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

// AgreementDocument is a stored agreement document and whose it is.
type AgreementDocument struct {
	ID          int64
	CustomerID  int64
	AgreementID *int64 // nil: the customer's own, for every site of the customer
	Content     models.AgreementDocumentContent
}

// LoadAgreementDocument reads the agreement document numbered number
// (ErrNotFound if none).
func LoadAgreementDocument(ctx context.Context, db *gorm.DB, number string) (AgreementDocument, error) {
	var r models.AgreementDocument
	res := db.WithContext(ctx).Where("number = ?", number).Limit(1).Find(&r)
	if res.Error != nil {
		return AgreementDocument{}, fmt.Errorf("load agreement document %s: %w", number, res.Error)
	}
	if res.RowsAffected == 0 {
		return AgreementDocument{}, ErrNotFound
	}
	d := AgreementDocument{ID: r.ID, CustomerID: r.CustomerID, AgreementID: r.AgreementID}
	if err := json.Unmarshal(r.Content, &d.Content); err != nil {
		return AgreementDocument{}, fmt.Errorf("agreement document %s content: %w", number, err)
	}
	return d, nil
}

// SiteFor picks the site of the document's agreement (of its customer,
// for a document without one) on which userID's standing decides whether
// they may see it: every such site lists it, so the one where they hold
// the highest Account-related documents level, then any access, then the
// lowest site number. ok is false when the document has no site at all.
func (d AgreementDocument) SiteFor(ctx context.Context, db *gorm.DB, userID int64) (siteID int64, ok bool, err error) {
	var rows []struct {
		ID        int64
		HasRow    bool
		Documents models.Level
		IsPrimary bool
	}
	scope := []string{"s.customer_id = @customer"}
	args := []any{sql.Named("customer", d.CustomerID), sql.Named("user", userID), sql.Named("primary", models.RolePrimary)}
	if d.AgreementID != nil {
		scope = append(scope, "s.agreement_id = @agreement")
		args = append(args, sql.Named("agreement", *d.AgreementID))
	}
	if err := db.WithContext(ctx).Raw(`SELECT s.id, a.user_id IS NOT NULL AS has_row, COALESCE(a.documents, 0) AS documents,
		EXISTS (SELECT 1 FROM site_contacts k WHERE k.site_id = s.id AND k.user_id = @user AND k.role = @primary) AS is_primary
		FROM sites s LEFT JOIN site_access a ON a.site_id = s.id AND a.user_id = @user
		WHERE `+strings.Join(scope, " AND ")+` ORDER BY s.site_number`, args...).Scan(&rows).Error; err != nil {
		return 0, false, fmt.Errorf("sites of agreement document %s: %w", d.Content.Number, err)
	}
	best, bestRank := int64(0), -1
	for _, r := range rows {
		level := models.EffectivePrivileges(models.Privileges{Documents: r.Documents}, r.IsPrimary).Documents
		rank := 0
		if r.HasRow || r.IsPrimary {
			rank = 1 + 2*int(level)
		}
		if rank > bestRank {
			best, bestRank = r.ID, rank
		}
	}
	return best, bestRank >= 0, nil
}
