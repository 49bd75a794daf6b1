// Package renewals reads the renewals' read model (issue 11, SPEC F3,
// F4), written by the renewal workflow (renewal/<site>/<due date>) at
// every transition, with the renewal quote it links to: one renewal as
// its quote screen shows it, the renewals of the sites where a user has
// Software & services at full (awaiting action, or every one of an
// agreement or customer), and the renewal quotes per month of due date
// with their totals. It never changes a renewal: the workflow owns that
// state.
package renewals

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// ErrNotFound: no such renewal.
var ErrNotFound = errors.New("no such renewal")

// Row is a renewal with what its views show: the site, customer and
// agreement, the renewal quote and its current version's total, and the
// renewal rep (the quote's rep, else the customer's renewal rep).
type Row struct {
	ID                 int64
	SiteID             int64
	CustomerID         int64
	DueDate            time.Time
	Status             models.RenewalStatus
	Channel            models.RenewalChannel
	ChannelPartner     string
	QuoteNumber        string
	ContactsVerifiedAt *time.Time
	ContactsVerifiedBy string
	RemindersSent      pq.StringArray `gorm:"type:text[]"`
	SkippedSteps       pq.StringArray `gorm:"type:text[]"`
	OrderRef           string
	ExternalOrder      string
	ClosedReason       string
	WorkflowID         string
	CreatedAt          time.Time
	UpdatedAt          time.Time

	SiteNumber      string
	SiteName        string
	CustomerNumber  string
	CustomerName    string
	AgreementNumber string
	RenewalRepID    *int64

	QuoteID         *int64
	QuoteRepID      *int64
	QuoteStatus     *models.QuoteStatus
	CurrentVersion  *int
	QuoteValidUntil *time.Time
	TotalMinor      *int64
	TotalCurrency   *string

	RepName  string
	RepEmail string
	RepPhone string
	BPName   *string `gorm:"column:bp_name"`
	BPEmail  *string `gorm:"column:bp_email"`

	// CallerIsPrimary: the user the rows were read for is the Primary
	// Contact of the renewal's site (false when read for nobody).
	CallerIsPrimary bool
}

// Reference names a renewal in a path before (and after) its quote is
// issued: the site number and the due date, 300001-2027-06-30.
func (r Row) Reference() string { return Reference(r.SiteNumber, r.DueDate) }

// Reference is the reference of the renewal of site due on due.
func Reference(siteNumber string, due time.Time) string {
	return siteNumber + "-" + due.UTC().Format(renewal.DateLayout)
}

// Key is the path key of a renewal: its quote number once issued, else its
// reference.
func (r Row) Key() string {
	if r.QuoteNumber != "" {
		return r.QuoteNumber
	}
	return r.Reference()
}

var referenceRe = regexp.MustCompile(`^([0-9]{4,10})-([0-9]{4}-[0-9]{2}-[0-9]{2})$`)

// ValidKey reports whether s has the shape of a renewal quote number
// (RQ-…) or a renewal reference (<site>-<YYYY-MM-DD>).
func ValidKey(s string) bool {
	if strings.HasPrefix(s, "RQ-") {
		return models.ValidQuoteNumber(s)
	}
	m := referenceRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	_, err := time.Parse(renewal.DateLayout, m[2])
	return err == nil
}

const selectSQL = `SELECT r.id, r.site_id, r.customer_id, r.due_date, r.status, r.channel, r.channel_partner, r.quote_number,
	r.contacts_verified_at, r.contacts_verified_by, r.reminders_sent, r.skipped_steps, r.order_ref, r.external_order,
	r.closed_reason, r.workflow_id, r.created_at, r.updated_at,
	s.site_number, s.name AS site_name, c.customer_number, c.name AS customer_name,
	COALESCE(g.agreement_number, '') AS agreement_number, c.renewal_rep_id,
	q.id AS quote_id, q.rep_id AS quote_rep_id, q.status AS quote_status, q.current_version, q.valid_until AS quote_valid_until,
	v.total_minor, v.currency AS total_currency,
	COALESCE(rep.name, '') AS rep_name, COALESCE(rep.email, '') AS rep_email, COALESCE(rep.phone, '') AS rep_phone,
	c.business_partner_name AS bp_name, c.business_partner_email AS bp_email,
	EXISTS (SELECT 1 FROM site_contacts k WHERE k.site_id = r.site_id AND k.user_id = @user AND k.role = 'primary') AS caller_is_primary
	FROM renewals r
	JOIN sites s ON s.id = r.site_id
	JOIN customers c ON c.id = r.customer_id
	LEFT JOIN agreements g ON g.id = s.agreement_id
	LEFT JOIN quotes q ON r.quote_number <> '' AND q.quote_number = r.quote_number
	LEFT JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version
	LEFT JOIN users rep ON rep.id = COALESCE(q.rep_id, c.renewal_rep_id)`

// visibleSQL limits renewals to the sites where @user has Software &
// services at full: a stored level, or the Primary Contact's (B2).
const visibleSQL = `r.site_id IN (SELECT a.site_id FROM site_access a WHERE a.user_id = @user AND a.software >= @full
	UNION SELECT k.site_id FROM site_contacts k WHERE k.user_id = @user AND k.role = 'primary')`

// Load reads the renewal named by key (a renewal quote number or a
// reference), as userID sees it (CallerIsPrimary); ErrNotFound if none.
func Load(ctx context.Context, db *gorm.DB, key string, userID int64) (Row, error) {
	if !ValidKey(key) {
		return Row{}, ErrNotFound
	}
	where, args := "r.quote_number = @key", []any{sql.Named("key", key)}
	if !strings.HasPrefix(key, "RQ-") {
		m := referenceRe.FindStringSubmatch(key)
		where, args = "s.site_number = @site AND r.due_date = CAST(@due AS date)", []any{sql.Named("site", m[1]), sql.Named("due", m[2])}
	}
	args = append(args, sql.Named("user", userID))
	var rows []Row
	if err := db.WithContext(ctx).Raw(selectSQL+" WHERE "+where+" LIMIT 1", args...).Scan(&rows).Error; err != nil {
		return Row{}, fmt.Errorf("load renewal %s: %w", key, err)
	}
	if len(rows) == 0 {
		return Row{}, ErrNotFound
	}
	return rows[0], nil
}

// Filter narrows the renewals a user may see.
type Filter struct {
	UserID int64
	// Pending: only renewals whose process is not over (awaiting action).
	Pending bool
	// AgreementNumber and CustomerNumber, when set, name the agreement or
	// customer the renewals belong to.
	AgreementNumber string
	CustomerNumber  string
}

func (f Filter) where() (string, []any) {
	conds := []string{visibleSQL}
	args := []any{sql.Named("user", f.UserID), sql.Named("full", models.SoftwareFull)}
	if f.Pending {
		conds = append(conds, "r.status NOT IN @final")
		args = append(args, sql.Named("final", []string{string(models.RenewalRenewed), string(models.RenewalLapsed)}))
	}
	if f.AgreementNumber != "" {
		conds = append(conds, "g.agreement_number = @agreement")
		args = append(args, sql.Named("agreement", f.AgreementNumber))
	}
	if f.CustomerNumber != "" {
		conds = append(conds, "c.customer_number = @customer")
		args = append(args, sql.Named("customer", f.CustomerNumber))
	}
	return strings.Join(conds, " AND "), args
}

// Cursor is where a page of a list starts: after the renewal due on Due
// with ID (in the list's order).
type Cursor struct {
	Due time.Time
	ID  int64
}

// List returns up to limit renewals matching f after cursor (nil: from
// the start), and the cursor of the next page (nil: none). Pending lists
// run soonest due first (what needs action next); the others newest due
// first (an agreement's history reads backwards).
func List(ctx context.Context, db *gorm.DB, f Filter, after *Cursor, limit int) ([]Row, *Cursor, error) {
	where, args := f.where()
	order, cmp := "r.due_date, r.id", ">"
	if !f.Pending {
		order, cmp = "r.due_date DESC, r.id DESC", "<"
	}
	if after != nil {
		where += " AND (r.due_date, r.id) " + cmp + " (CAST(@after_due AS date), @after_id)"
		args = append(args, sql.Named("after_due", after.Due.UTC().Format(renewal.DateLayout)), sql.Named("after_id", after.ID))
	}
	args = append(args, sql.Named("limit", limit+1))
	var rows []Row
	if err := db.WithContext(ctx).Raw(selectSQL+" WHERE "+where+" ORDER BY "+order+" LIMIT @limit", args...).Scan(&rows).Error; err != nil {
		return nil, nil, fmt.Errorf("list renewals: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[len(rows)-1]
		next = &Cursor{Due: last.DueDate, ID: last.ID}
	}
	return rows, next, nil
}

// Sees reports whether userID has Software & services at full on a site
// of the agreement or customer f names (the other filters ignored).
func Sees(ctx context.Context, db *gorm.DB, f Filter) (bool, error) {
	conds := []string{strings.ReplaceAll(visibleSQL, "r.site_id", "s.id")}
	args := []any{sql.Named("user", f.UserID), sql.Named("full", models.SoftwareFull)}
	if f.AgreementNumber != "" {
		conds = append(conds, "g.agreement_number = @agreement")
		args = append(args, sql.Named("agreement", f.AgreementNumber))
	}
	if f.CustomerNumber != "" {
		conds = append(conds, "c.customer_number = @customer")
		args = append(args, sql.Named("customer", f.CustomerNumber))
	}
	var ok bool
	err := db.WithContext(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM sites s JOIN customers c ON c.id = s.customer_id
		LEFT JOIN agreements g ON g.id = s.agreement_id WHERE `+strings.Join(conds, " AND ")+`)`, args...).Scan(&ok).Error
	if err != nil {
		return false, fmt.Errorf("sites of the filter: %w", err)
	}
	return ok, nil
}

// Line is a priced line of a renewal quote's version.
type Line struct {
	QuoteID        int64
	Version        int
	LineNo         int
	PartNumber     string
	Description    string
	Quantity       int64
	UnitMinor      int64
	Currency       string
	DiscountBP     int `gorm:"column:discount_bp"`
	LineTotalMinor int64
}

// CurrentLines returns the lines of each row's current quote version, by
// quote id.
func CurrentLines(ctx context.Context, db *gorm.DB, rows []Row) (map[int64][]Line, error) {
	out := map[int64][]Line{}
	var ids []int64
	version := map[int64]int{}
	for _, r := range rows {
		if r.QuoteID != nil && r.CurrentVersion != nil && *r.CurrentVersion > 0 {
			ids = append(ids, *r.QuoteID)
			version[*r.QuoteID] = *r.CurrentVersion
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var lines []Line
	if err := db.WithContext(ctx).Raw(`SELECT quote_id, version, line_no, part_number, description, quantity, unit_minor,
		currency, discount_bp, line_total_minor FROM quote_lines WHERE quote_id IN ? ORDER BY quote_id, line_no`, ids).
		Scan(&lines).Error; err != nil {
		return nil, fmt.Errorf("renewal quote lines: %w", err)
	}
	for _, l := range lines {
		if version[l.QuoteID] == l.Version {
			out[l.QuoteID] = append(out[l.QuoteID], l)
		}
	}
	return out, nil
}

// Month is the renewal quotes due in one month (YYYY-MM): how many, per
// renewal status, their current versions' totals per currency, and their
// numbers (soonest due first).
type Month struct {
	Month        string
	Quotes       int
	ByStatus     map[models.RenewalStatus]int
	Totals       []models.Money // one per currency, by currency
	QuoteNumbers []string
}

// ByMonth groups the renewal quotes matching f by month of due date,
// earliest month first. A renewal without a quote yet is not counted.
func ByMonth(ctx context.Context, db *gorm.DB, f Filter) ([]Month, error) {
	where, args := f.where()
	where += " AND r.quote_number <> ''"
	var counts []struct {
		Month    string
		Status   models.RenewalStatus
		Currency *string
		N        int
		Total    int64
	}
	if err := db.WithContext(ctx).Raw(`SELECT to_char(r.due_date, 'YYYY-MM') AS month, r.status, v.currency,
		count(*) AS n, COALESCE(sum(v.total_minor), 0)::bigint AS total
		FROM renewals r JOIN sites s ON s.id = r.site_id JOIN customers c ON c.id = r.customer_id
		LEFT JOIN agreements g ON g.id = s.agreement_id
		LEFT JOIN quotes q ON q.quote_number = r.quote_number
		LEFT JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version
		WHERE `+where+` GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, args...).Scan(&counts).Error; err != nil {
		return nil, fmt.Errorf("renewal quotes by month: %w", err)
	}
	var numbers []struct {
		Month        string
		QuoteNumbers pq.StringArray `gorm:"type:text[]"`
	}
	if err := db.WithContext(ctx).Raw(`SELECT to_char(r.due_date, 'YYYY-MM') AS month,
		array_agg(r.quote_number ORDER BY r.due_date, r.id) AS quote_numbers
		FROM renewals r JOIN sites s ON s.id = r.site_id JOIN customers c ON c.id = r.customer_id
		LEFT JOIN agreements g ON g.id = s.agreement_id
		WHERE `+where+` GROUP BY 1 ORDER BY 1`, args...).Scan(&numbers).Error; err != nil {
		return nil, fmt.Errorf("renewal quote numbers by month: %w", err)
	}
	out := make([]Month, 0, len(numbers))
	at := map[string]int{}
	for _, n := range numbers {
		at[n.Month] = len(out)
		out = append(out, Month{Month: n.Month, ByStatus: map[models.RenewalStatus]int{}, Totals: []models.Money{},
			QuoteNumbers: []string(n.QuoteNumbers)})
	}
	for _, c := range counts {
		i, ok := at[c.Month]
		if !ok {
			continue
		}
		m := &out[i]
		m.Quotes += c.N
		m.ByStatus[c.Status] += c.N
		if c.Currency == nil {
			continue
		}
		added := false
		for j := range m.Totals {
			if m.Totals[j].Currency == *c.Currency {
				m.Totals[j].Minor += c.Total
				added = true
			}
		}
		if !added {
			m.Totals = append(m.Totals, models.Money{Minor: c.Total, Currency: *c.Currency})
		}
	}
	for i := range out {
		sort.Slice(out[i].Totals, func(a, b int) bool { return out[i].Totals[a].Currency < out[i].Totals[b].Currency })
	}
	return out, nil
}
