package cart

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// Group states: what a quote group of the cart is waiting for.
const (
	GroupReady            = "ready"                  // open: can go to checkout at its locked prices
	GroupAwaitingRevision = "awaiting_revised_quote" // a change request awaits the rep (E4)
	GroupExpired          = "expired"                // past its validity
	GroupClosed           = "closed"                 // ordered, declined or cancelled
)

// Readiness reasons.
const (
	ReasonEmpty            = "empty"
	ReasonAwaitingRevision = "quote_awaiting_revision"
	ReasonQuoteExpired     = "quote_expired"
	ReasonQuoteClosed      = "quote_closed"
	ReasonPriceOnRequest   = "price_on_request"
)

// View is the cart as its owner sees it, priced now.
type View struct {
	Currency   string       `json:"currency"`
	PriceLevel string       `json:"price_level"`
	Items      []Item       `json:"items"`
	Quotes     []Group      `json:"quotes"`
	Total      models.Money `json:"total"`
	Readiness  Readiness    `json:"readiness"`
	UpdatedAt  *time.Time   `json:"updated_at,omitempty"`
}

// Item is a catalog line priced at the site's currency and level now.
// UnitPrice and LineTotal are nil for a product without a price there
// (price on request); PriceChanged says the unit price is not the one
// the line was added at, which PriceWhenAdded shows.
type Item struct {
	Line           string        `json:"line"`
	PartNumber     string        `json:"part_number"`
	Description    string        `json:"description"`
	Quantity       int64         `json:"quantity"`
	UnitPrice      *models.Money `json:"unit_price"`
	LineTotal      *models.Money `json:"line_total"`
	PriceOnRequest bool          `json:"price_on_request"`
	PriceChanged   bool          `json:"price_changed"`
	PriceWhenAdded *models.Money `json:"price_when_added"`
}

// Group is a quote in the cart: the lines of the quote's current version
// at its locked prices.
type Group struct {
	QuoteNumber  string             `json:"quote_number"`
	QuoteStatus  models.QuoteStatus `json:"quote_status"`
	State        string             `json:"state"`
	Reason       string             `json:"reason,omitempty"`
	Version      int                `json:"version"`
	AddedVersion int                `json:"added_version"`
	ValidUntil   *time.Time         `json:"valid_until,omitempty"`
	Lines        []QuoteItem        `json:"lines"`
	Total        models.Money       `json:"total"`
	// PendingChange is the change request awaiting the rep; LastChange the
	// latest answered one (a decline shows its reason: the version stands).
	PendingChange *Change `json:"pending_change,omitempty"`
	LastChange    *Change `json:"last_change,omitempty"`
}

// QuoteItem is a locked line of a quote version. Line is its id in the
// cart's routes: "<quote number>:<part number>".
type QuoteItem struct {
	Line        string       `json:"line"`
	PartNumber  string       `json:"part_number"`
	Description string       `json:"description"`
	Quantity    int64        `json:"quantity"`
	UnitPrice   models.Money `json:"unit_price"`
	DiscountBP  int          `json:"discount_bp"`
	LineTotal   models.Money `json:"line_total"`
}

// Change is a change request as the cart shows it.
type Change struct {
	Seq          int                        `json:"seq"`
	Status       models.ChangeRequestStatus `json:"status"`
	Note         string                     `json:"note"`
	Changes      models.JSON                `json:"changes"`
	AnswerReason string                     `json:"answer_reason,omitempty"`
}

// Readiness says whether the cart can go to checkout and, if not, every
// reason.
type Readiness struct {
	Ready   bool     `json:"ready"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one thing that keeps the cart from checkout.
type Reason struct {
	Code        string `json:"code"`
	Detail      string `json:"detail"`
	QuoteNumber string `json:"quote_number,omitempty"`
	PartNumber  string `json:"part_number,omitempty"`
	Line        string `json:"line,omitempty"`
}

type lineRow struct {
	models.CartLine
	PartNumber  string
	Description string
}

type groupRow struct {
	AddedVersion   int
	QuoteID        int64
	QuoteNumber    string
	Status         models.QuoteStatus
	CurrentVersion int
	ValidUntil     *time.Time
}

// Load is the owner's cart priced now (an empty cart when they have none).
func (s *Service) Load(ctx context.Context, o Owner) (View, error) {
	db := s.DB.WithContext(ctx)
	currency, level, err := catalog.SitePricing(ctx, s.DB, o.SiteID)
	if err != nil {
		return View{}, err
	}
	v := View{Currency: currency, PriceLevel: level, Items: []Item{}, Quotes: []Group{}}
	var c models.Cart
	if err := db.Where("site_id = ? AND user_id = ?", o.SiteID, o.UserID).Limit(1).Find(&c).Error; err != nil {
		return v, fmt.Errorf("load cart: %w", err)
	}
	var lines []lineRow
	var groups []groupRow
	if c.ID != 0 {
		v.UpdatedAt = &c.UpdatedAt
		if err := db.Raw(`SELECT l.*, p.part_number, p.description FROM cart_lines l JOIN products p ON p.id = l.product_id
			WHERE l.cart_id = ? ORDER BY l.id`, c.ID).Scan(&lines).Error; err != nil {
			return v, fmt.Errorf("load cart lines: %w", err)
		}
		if err := db.Raw(`SELECT cq.added_version, q.id AS quote_id, q.quote_number, q.status, q.current_version, q.valid_until
			FROM cart_quotes cq JOIN quotes q ON q.id = cq.quote_id WHERE cq.cart_id = ? ORDER BY cq.id`, c.ID).Scan(&groups).Error; err != nil {
			return v, fmt.Errorf("load cart quotes: %w", err)
		}
	}
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	prices, err := catalog.Prices(ctx, s.DB, currency, level, ids)
	if err != nil {
		return v, err
	}
	var totals []models.Money
	var reasons []Reason
	for _, l := range lines {
		it := Item{Line: strconv.FormatInt(l.ID, 10), PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity}
		if l.AddedUnitMinor != nil {
			it.PriceWhenAdded = &models.Money{Minor: *l.AddedUnitMinor, Currency: l.AddedCurrency}
		}
		if p, ok := prices[l.ProductID]; ok {
			total, err := models.LineTotal(p, l.Quantity, 0)
			if err != nil {
				return v, fmt.Errorf("price line %s: %w", l.PartNumber, err)
			}
			it.UnitPrice, it.LineTotal = &p, &total
			totals = append(totals, total)
			it.PriceChanged = it.PriceWhenAdded == nil || *it.PriceWhenAdded != p
		} else {
			it.PriceOnRequest = true
			it.PriceChanged = it.PriceWhenAdded != nil
			reasons = append(reasons, Reason{Code: ReasonPriceOnRequest, PartNumber: l.PartNumber, Line: it.Line,
				Detail: fmt.Sprintf("%s has no price in %s at level %s: ask for a quote", l.PartNumber, currency, level)})
		}
		v.Items = append(v.Items, it)
	}
	now := s.now()
	for _, g := range groups {
		grp, err := s.group(ctx, g, now)
		if err != nil {
			return v, err
		}
		if grp.Total.Currency != currency {
			return v, fmt.Errorf("quote %s is in %s, the site in %s: %w", g.QuoteNumber, grp.Total.Currency, currency, models.ErrCurrencyMismatch)
		}
		totals = append(totals, grp.Total)
		switch grp.State {
		case GroupAwaitingRevision:
			reasons = append(reasons, Reason{Code: ReasonAwaitingRevision, QuoteNumber: g.QuoteNumber,
				Detail: fmt.Sprintf("quote %s awaits a revised quote from the rep: %s", g.QuoteNumber, grp.Reason)})
		case GroupExpired:
			reasons = append(reasons, Reason{Code: ReasonQuoteExpired, QuoteNumber: g.QuoteNumber, Detail: grp.Reason})
		case GroupClosed:
			reasons = append(reasons, Reason{Code: ReasonQuoteClosed, QuoteNumber: g.QuoteNumber, Detail: grp.Reason})
		}
		v.Quotes = append(v.Quotes, grp)
	}
	if v.Total, err = models.Sum(currency, totals...); err != nil {
		return v, err
	}
	if len(v.Items) == 0 && len(v.Quotes) == 0 {
		reasons = append([]Reason{{Code: ReasonEmpty, Detail: "the cart is empty"}}, reasons...)
	}
	v.Readiness = Readiness{Ready: len(reasons) == 0, Reasons: reasons}
	if v.Readiness.Reasons == nil {
		v.Readiness.Reasons = []Reason{}
	}
	return v, nil
}

// group reads a quote group at the quote's current version.
func (s *Service) group(ctx context.Context, g groupRow, now time.Time) (Group, error) {
	db := s.DB.WithContext(ctx)
	grp := Group{QuoteNumber: g.QuoteNumber, QuoteStatus: g.Status, Version: g.CurrentVersion, AddedVersion: g.AddedVersion,
		ValidUntil: g.ValidUntil, Lines: []QuoteItem{}}
	var ver models.QuoteVersion
	if err := db.Where("quote_id = ? AND version = ?", g.QuoteID, g.CurrentVersion).Take(&ver).Error; err != nil {
		return grp, fmt.Errorf("quote %s version %d: %w", g.QuoteNumber, g.CurrentVersion, err)
	}
	var lines []models.QuoteLine
	if err := db.Where("quote_id = ? AND version = ?", g.QuoteID, g.CurrentVersion).Order("line_no").Find(&lines).Error; err != nil {
		return grp, fmt.Errorf("quote %s lines: %w", g.QuoteNumber, err)
	}
	totals := make([]models.Money, 0, len(lines))
	for _, l := range lines {
		total := models.Money{Minor: l.LineTotalMinor, Currency: l.Currency}
		grp.Lines = append(grp.Lines, QuoteItem{Line: g.QuoteNumber + ":" + l.PartNumber, PartNumber: l.PartNumber,
			Description: l.Description, Quantity: l.Quantity, UnitPrice: models.Money{Minor: l.UnitMinor, Currency: l.Currency},
			DiscountBP: l.DiscountBP, LineTotal: total})
		totals = append(totals, total)
	}
	var err error
	if grp.Total, err = models.Sum(ver.Currency, totals...); err != nil {
		return grp, err
	}
	var changes []models.QuoteChangeRequest
	if err := db.Where("quote_id = ?", g.QuoteID).Order("seq DESC").Limit(2).Find(&changes).Error; err != nil {
		return grp, fmt.Errorf("quote %s change requests: %w", g.QuoteNumber, err)
	}
	for _, ch := range changes {
		c := &Change{Seq: ch.Seq, Status: ch.Status, Note: ch.Note, Changes: ch.Changes, AnswerReason: ch.AnswerReason}
		if ch.Status == models.ChangePending {
			if grp.PendingChange == nil {
				grp.PendingChange = c
			}
		} else if grp.LastChange == nil {
			grp.LastChange = c
		}
	}
	switch {
	case g.Status == models.QuoteChangeRequested:
		grp.State = GroupAwaitingRevision
		if grp.PendingChange != nil {
			grp.Reason = grp.PendingChange.Note
		}
	case g.Status == models.QuoteExpired || (g.Status == models.QuoteOpen && g.ValidUntil != nil && !g.ValidUntil.After(now)):
		grp.State = GroupExpired
		grp.Reason = fmt.Sprintf("quote %s has expired: ask the rep for a new quote", g.QuoteNumber)
	case g.Status == models.QuoteOpen:
		grp.State = GroupReady
	default:
		grp.State = GroupClosed
		grp.Reason = fmt.Sprintf("quote %s is %s", g.QuoteNumber, g.Status)
	}
	return grp, nil
}
