package entitlements

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pao/pao/models"
)

// Filter narrows the inventory; the zero Filter is everything.
type Filter struct {
	// Query matches a part number (whole or its start, any case) or text
	// in the product's description.
	Query string
	// Statuses keeps the entitlements with any of them.
	Statuses []models.EntitlementStatus
	// EndsBefore keeps coverage whose last day is before this day.
	EndsBefore *time.Time
	// NotLapsed keeps the active and future entitlements (coverage ending
	// today or later): the Reporting tool's report.
	NotLapsed bool
	// Period keeps the coverage periods that are current (started) or
	// future (starting after today); "" keeps both.
	Period models.EntitlementPeriod
}

// MaxPage is the largest page Inventory returns.
const MaxPage = 500

// inventorySQL is the inventory of one site: each coverage with its
// product, order, Proof of Entitlement and deployed quantity. The
// deployments are summed per coverage on their own index.
const inventorySQL = `SELECT c.id AS coverage_id, p.part_number, p.description, p.category, p.license_type,
	c.quantity, c.start_date, c.end_date, o.reference AS order_reference, d.id AS document_id, d.number AS document_number,
	COALESCE(x.deployed, 0) AS deployed, COALESCE(x.deployments, 0) AS deployments
	FROM coverages c
	JOIN products p ON p.id = c.product_id
	LEFT JOIN orders o ON o.id = c.order_id
	LEFT JOIN documents d ON d.order_id = c.order_id
	LEFT JOIN LATERAL (SELECT sum(y.quantity) AS deployed, count(*) AS deployments
		FROM deployments y WHERE y.coverage_id = c.id) x ON true
	WHERE c.site_id = ?`

type inventoryRow struct {
	CoverageID     int64
	PartNumber     string
	Description    string
	Category       string
	LicenseType    string
	Quantity       int64
	StartDate      time.Time
	EndDate        time.Time
	OrderReference *string
	DocumentID     *int64
	DocumentNumber *string
	Deployed       int64
	Deployments    int64
}

func (r inventoryRow) view(today time.Time) Entitlement {
	u := models.Usage{Owned: r.Quantity, Deployed: r.Deployed}
	return Entitlement{
		PartNumber: r.PartNumber, Product: models.CoverageStem(r.Description), Description: r.Description,
		Category: r.Category, LicenseType: models.LicenseType(r.LicenseType),
		Quantity: r.Quantity, Deployed: r.Deployed, Available: u.Available(), OverDeployed: u.OverDeployed(),
		Deployments: r.Deployments,
		Start:       r.StartDate.UTC().Format(time.DateOnly), End: r.EndDate.UTC().Format(time.DateOnly),
		Status: models.EntitlementStatusOn(r.EndDate, today), Period: models.PeriodOn(r.StartDate, today),
		OrderReference: r.OrderReference, PoENumber: r.DocumentNumber,
		CoverageID: r.CoverageID, DocumentID: r.DocumentID,
	}
}

// where renders f as SQL conditions and their arguments.
func (f Filter) where(today time.Time) (string, []any) {
	var sb strings.Builder
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		sb.WriteString(` AND (starts_with(p.part_number, upper(?)) OR strpos(lower(p.description), lower(?)) > 0)`)
		args = append(args, q, q)
	}
	if len(f.Statuses) > 0 {
		var ors []string
		for _, st := range f.Statuses {
			cond, a := dayRange("c.end_date", st.EndRange(today))
			ors = append(ors, cond)
			args = append(args, a...)
		}
		sb.WriteString(" AND (" + strings.Join(ors, " OR ") + ")")
	}
	if f.EndsBefore != nil {
		sb.WriteString(` AND c.end_date < CAST(? AS date)`)
		args = append(args, models.Day(*f.EndsBefore).Format(time.DateOnly))
	}
	if f.NotLapsed {
		sb.WriteString(` AND c.end_date >= CAST(? AS date)`)
		args = append(args, today.Format(time.DateOnly))
	}
	switch f.Period {
	case models.PeriodFuture:
		sb.WriteString(` AND c.start_date > CAST(? AS date)`)
		args = append(args, today.Format(time.DateOnly))
	case models.PeriodCurrent:
		sb.WriteString(` AND c.start_date <= CAST(? AS date)`)
		args = append(args, today.Format(time.DateOnly))
	}
	return sb.String(), args
}

// dayRange is the condition that column falls in r.
func dayRange(column string, r models.DayRange) (string, []any) {
	conds := []string{"true"}
	var args []any
	if r.From != nil {
		conds = append(conds, column+" >= CAST(? AS date)")
		args = append(args, r.From.Format(time.DateOnly))
	}
	if r.To != nil {
		conds = append(conds, column+" <= CAST(? AS date)")
		args = append(args, r.To.Format(time.DateOnly))
	}
	return "(" + strings.Join(conds, " AND ") + ")", args
}

// Inventory returns up to limit (1–MaxPage) entitlements of the site that
// match f, by part number, after the part number after ("" from the
// first), and the part number to continue after (""; no more).
func (s *Service) Inventory(ctx context.Context, siteID int64, f Filter, after string, limit int) ([]Entitlement, string, error) {
	if limit < 1 || limit > MaxPage {
		return nil, "", fmt.Errorf("inventory page of %d: must be 1 to %d", limit, MaxPage)
	}
	today := s.Today()
	cond, args := f.where(today)
	q := inventorySQL + cond + ` AND p.part_number > ? ORDER BY p.part_number LIMIT ?`
	args = append(append([]any{siteID}, args...), after, limit+1)
	var rows []inventoryRow
	if err := s.DB.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, "", fmt.Errorf("inventory of site %d: %w", siteID, err)
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = rows[limit-1].PartNumber
	}
	out := make([]Entitlement, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view(today))
	}
	return out, next, nil
}

// Each calls fn with every entitlement of the site that matches f, by part
// number, a page at a time (an export holds one page in memory, whatever
// the size of the inventory); fn's error stops it and is returned.
func (s *Service) Each(ctx context.Context, siteID int64, f Filter, fn func(Entitlement) error) error {
	after := ""
	for {
		page, next, err := s.Inventory(ctx, siteID, f, after, MaxPage)
		if err != nil {
			return err
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		after = next
	}
}

// Get returns the site's entitlement of part number part; ErrNotFound
// when the site has none.
func (s *Service) Get(ctx context.Context, siteID int64, part string) (Entitlement, error) {
	var rows []inventoryRow
	if err := s.DB.WithContext(ctx).Raw(inventorySQL+` AND p.part_number = ?`, siteID, part).Scan(&rows).Error; err != nil {
		return Entitlement{}, fmt.Errorf("entitlement %s of site %d: %w", part, siteID, err)
	}
	if len(rows) == 0 {
		return Entitlement{}, ErrNotFound
	}
	return rows[0].view(s.Today()), nil
}
