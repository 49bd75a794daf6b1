package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/models"
)

// DateLayout is how a report writes and reads a calendar date.
const DateLayout = "2006-01-02"

// RenewalQuoteFilter narrows the renewal quotes report.
type RenewalQuoteFilter struct {
	Sites       []Site             // the sites covered (at least one)
	QuoteNumber string             // exact; "" any
	DueFrom     *time.Time         // the renewal's due date on or after (a date)
	DueTo       *time.Time         // on or before
	Status      models.QuoteStatus // the quote's status; "" any
}

// RenewalQuote is a row of the renewal quotes report: a renewal quote,
// the renewal it prices and the site it is for.
type RenewalQuote struct {
	QuoteNumber     string               `json:"quote_number"`
	SiteNumber      string               `json:"site_number"`
	SiteName        string               `json:"site_name"`
	AgreementNumber string               `json:"agreement_number"` // "" for an Express site
	DueDate         string               `json:"due_date"`         // YYYY-MM-DD: the anniversary the coverage ends on
	RenewalStatus   models.RenewalStatus `json:"renewal_status"`
	QuoteStatus     models.QuoteStatus   `json:"quote_status"`
	Channel         string               `json:"channel"`
	CurrentVersion  int                  `json:"current_version"`
	ValidUntil      *time.Time           `json:"valid_until"`
	Total           *models.Money        `json:"total"` // the current version's; null before one is issued
	OrderRef        string               `json:"order_ref"`
	ExternalOrder   string               `json:"external_order"`
}

type renewalQuoteRow struct {
	ID              int64
	DueDate         time.Time
	RenewalStatus   string
	Channel         string
	OrderRef        string
	ExternalOrder   string
	QuoteNumber     string
	QuoteStatus     string
	CurrentVersion  int
	ValidUntil      *time.Time
	TotalMinor      *int64
	Currency        *string
	SiteNumber      string
	SiteName        string
	AgreementNumber string
}

const renewalQuoteSQL = `SELECT r.id, r.due_date, r.status AS renewal_status, r.channel, r.order_ref, r.external_order,
	q.quote_number, q.status AS quote_status, q.current_version, q.valid_until, v.total_minor, v.currency,
	s.site_number, s.name AS site_name, COALESCE(g.agreement_number, '') AS agreement_number
	FROM renewals r
	JOIN quotes q ON q.quote_number = r.quote_number
	JOIN sites s ON s.id = r.site_id
	LEFT JOIN agreements g ON g.id = s.agreement_id
	LEFT JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version`

// RenewalQuotes returns up to limit renewal quotes matching f, soonest
// due first, after cursor (nil: from the start), and the cursor of the
// next page (nil: none). A renewal whose quote is not issued yet is not
// a renewal quote: it is not listed.
func RenewalQuotes(ctx context.Context, db *gorm.DB, f RenewalQuoteFilter, after *Cursor, limit int) ([]RenewalQuote, *Cursor, error) {
	if len(f.Sites) == 0 {
		return nil, nil, fmt.Errorf("renewal quotes: no site to report on")
	}
	conds := []string{"r.site_id IN @sites", "r.quote_number <> ''"}
	args := []any{sql.Named("sites", ids(f.Sites)), sql.Named("limit", limit+1)}
	if f.QuoteNumber != "" {
		conds = append(conds, "q.quote_number = @number")
		args = append(args, sql.Named("number", f.QuoteNumber))
	}
	if f.DueFrom != nil {
		conds = append(conds, "r.due_date >= CAST(@due_from AS date)")
		args = append(args, sql.Named("due_from", f.DueFrom.Format(DateLayout)))
	}
	if f.DueTo != nil {
		conds = append(conds, "r.due_date <= CAST(@due_to AS date)")
		args = append(args, sql.Named("due_to", f.DueTo.Format(DateLayout)))
	}
	if f.Status != "" {
		conds = append(conds, "q.status = @status")
		args = append(args, sql.Named("status", string(f.Status)))
	}
	if after != nil {
		conds = append(conds, "(r.due_date, r.id) > (CAST(@after_due AS date), @after_id)")
		args = append(args, sql.Named("after_due", after.At.UTC().Format(DateLayout)), sql.Named("after_id", after.ID))
	}
	var rows []renewalQuoteRow
	q := renewalQuoteSQL + " WHERE " + strings.Join(conds, " AND ") + " ORDER BY r.due_date, r.id LIMIT @limit"
	if err := db.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("renewal quotes report: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &Cursor{At: last.DueDate.UTC(), ID: last.ID}
	}
	out := make([]RenewalQuote, 0, len(rows))
	for _, r := range rows {
		v := RenewalQuote{
			QuoteNumber: r.QuoteNumber, SiteNumber: r.SiteNumber, SiteName: r.SiteName, AgreementNumber: r.AgreementNumber,
			DueDate: r.DueDate.UTC().Format(DateLayout), RenewalStatus: models.RenewalStatus(r.RenewalStatus),
			QuoteStatus: models.QuoteStatus(r.QuoteStatus), Channel: r.Channel, CurrentVersion: r.CurrentVersion,
			OrderRef: r.OrderRef, ExternalOrder: r.ExternalOrder,
		}
		if r.ValidUntil != nil {
			t := r.ValidUntil.UTC()
			v.ValidUntil = &t
		}
		if r.TotalMinor != nil && r.Currency != nil {
			v.Total = &models.Money{Minor: *r.TotalMinor, Currency: *r.Currency}
		}
		out = append(out, v)
	}
	return out, next, nil
}
