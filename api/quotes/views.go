package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// quoteRow is a quote with the numbers and people its views show.
type quoteRow struct {
	models.Quote
	SiteNumber     string
	CustomerNumber string
	CustomerName   string
	RepName        string
	RepEmail       string
	RepPhone       string
	RequesterEmail *string
	TotalMinor     *int64
	TotalCurrency  *string
	BPName         *string `gorm:"column:bp_name"`
	BPEmail        *string `gorm:"column:bp_email"`
}

func (h *Handlers) quotesQuery(ctx context.Context) *gorm.DB {
	return h.DB.WithContext(ctx).Table("quotes q").
		Select(`q.*, s.site_number, c.customer_number, c.name AS customer_name,
			rep.name AS rep_name, rep.email AS rep_email, rep.phone AS rep_phone, req.email AS requester_email,
			v.total_minor, v.currency AS total_currency, c.business_partner_name AS bp_name, c.business_partner_email AS bp_email`).
		Joins("JOIN sites s ON s.id = q.site_id").
		Joins("JOIN customers c ON c.id = q.customer_id").
		Joins("JOIN users rep ON rep.id = q.rep_id").
		Joins("LEFT JOIN users req ON req.id = q.requester_id").
		Joins("LEFT JOIN quote_versions v ON v.quote_id = q.id AND v.version = q.current_version")
}

// loadQuote loads a quote by number; 404 when there is none.
func (h *Handlers) loadQuote(ctx context.Context, number string) (quoteRow, error) {
	var r quoteRow
	if !models.ValidQuoteNumber(number) {
		return r, api.NotFound("no such quote")
	}
	err := h.quotesQuery(ctx).Where("q.quote_number = ?", number).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, api.NotFound("no such quote")
	}
	if err != nil {
		return r, fmt.Errorf("load quote %s: %w", number, err)
	}
	return r, nil
}

// resolve resolves :number to its quote: its site is the scope of the
// route's requirement (another site's quote is 404 to the caller).
func (h *Handlers) resolve(c *gin.Context) (api.Resource, error) {
	r, err := h.loadQuote(c, c.Param("number"))
	if err != nil {
		return api.Resource{}, err
	}
	return api.Resource{SiteID: r.SiteID, CustomerID: r.CustomerID, Value: r}, nil
}

// repView is the rep's contact details (F4 "sales representative").
type repView struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type partnerView struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// summaryView is a quote in a list.
type summaryView struct {
	QuoteNumber    string            `json:"quote_number"`
	Kind           string            `json:"kind"`
	Status         string            `json:"status"`
	AwaitingRep    bool              `json:"awaiting_rep"`
	SiteNumber     string            `json:"site_number"`
	CustomerNumber string            `json:"customer_number"`
	CustomerName   string            `json:"customer_name"`
	RequesterEmail string            `json:"requester_email,omitempty"`
	Rep            repView           `json:"rep"`
	CurrentVersion int               `json:"current_version"`
	Total          *models.Money     `json:"total,omitempty"`
	ValidUntil     *time.Time        `json:"valid_until,omitempty"`
	Reminded       bool              `json:"reminded"`
	ClosedReason   string            `json:"closed_reason,omitempty"`
	ClosedBy       string            `json:"closed_by,omitempty"`
	OrderRef       string            `json:"order_ref,omitempty"`
	WorkflowID     string            `json:"workflow_id"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	Links          map[string]string `json:"links"`
}

func summaryOf(r quoteRow, staff bool) summaryView {
	v := summaryView{
		QuoteNumber: r.QuoteNumber, Kind: string(r.Kind), Status: string(r.Status), AwaitingRep: r.Status.AwaitingRep(),
		SiteNumber: r.SiteNumber, CustomerNumber: r.CustomerNumber, CustomerName: r.CustomerName,
		Rep:            repView{Name: r.RepName, Email: r.RepEmail, Phone: r.RepPhone},
		CurrentVersion: r.CurrentVersion, ValidUntil: r.ValidUntil, Reminded: r.Reminded,
		ClosedReason: r.ClosedReason, ClosedBy: r.ClosedBy, OrderRef: r.OrderRef, WorkflowID: r.WorkflowID,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Links: map[string]string{},
	}
	if r.RequesterEmail != nil {
		v.RequesterEmail = *r.RequesterEmail
	}
	if r.TotalMinor != nil && r.TotalCurrency != nil {
		v.Total = &models.Money{Minor: *r.TotalMinor, Currency: *r.TotalCurrency}
	}
	if staff {
		base := "/v1/staff/quotes/" + r.QuoteNumber
		v.Links["self"] = base
		if r.Status.AwaitingRep() {
			v.Links["issue"] = base + "/issue"
		}
		switch r.Status {
		case models.QuoteRequested:
			v.Links["decline"] = base + "/decline"
		case models.QuoteChangeRequested:
			v.Links["decline_change"] = base + "/decline-change"
		}
		return v
	}
	base := "/v1/quotes/" + r.QuoteNumber
	v.Links["self"] = base
	if r.Status == models.QuoteOpen {
		v.Links["change_requests"] = base + "/change-requests"
	}
	if !r.Status.Final() {
		v.Links["cancel"] = base + "/cancel"
	}
	return v
}

// detailView is one quote with what was asked, every version (with what
// changed from the previous one) and every change request.
type detailView struct {
	summaryView
	Note            string          `json:"note,omitempty"`
	BusinessPartner *partnerView    `json:"business_partner,omitempty"`
	RequestedLines  []requestedLine `json:"requested_lines"`
	Versions        []versionView   `json:"versions"`
	ChangeRequests  []changeView    `json:"change_requests"`
}

type requestedLine struct {
	LineNo      int    `json:"line_no"`
	PartNumber  string `json:"part_number"`
	Description string `json:"description"`
	Quantity    int64  `json:"quantity"`
}

type lineView struct {
	LineNo      int          `json:"line_no"`
	PartNumber  string       `json:"part_number"`
	Description string       `json:"description"`
	Quantity    int64        `json:"quantity"`
	UnitPrice   models.Money `json:"unit_price"`
	DiscountBP  int          `json:"discount_bp"`
	LineTotal   models.Money `json:"line_total"`
}

type versionView struct {
	Version       int          `json:"version"`
	Total         models.Money `json:"total"`
	ValidUntil    time.Time    `json:"valid_until"`
	IssuedBy      string       `json:"issued_by"`
	IssuedAt      time.Time    `json:"issued_at"`
	Note          string       `json:"note,omitempty"`
	ChangeRequest *int         `json:"change_request,omitempty"`
	Lines         []lineView   `json:"lines"`
	// ChangesFromPrevious lists what changed from the previous version
	// (empty for version 1).
	ChangesFromPrevious []models.LineDiff `json:"changes_from_previous"`
}

type changeView struct {
	Seq            int                 `json:"seq"`
	OnVersion      int                 `json:"on_version"`
	RequestedBy    string              `json:"requested_by"`
	Changes        []models.LineChange `json:"changes"`
	Note           string              `json:"note"`
	Status         string              `json:"status"`
	AnswerReason   string              `json:"answer_reason,omitempty"`
	AnsweredBy     string              `json:"answered_by,omitempty"`
	RevisedVersion *int                `json:"revised_version,omitempty"`
	CreatedAt      time.Time           `json:"created_at"`
	AnsweredAt     *time.Time          `json:"answered_at,omitempty"`
}

// detail loads the quote's lines, versions and change requests.
func (h *Handlers) detail(ctx context.Context, r quoteRow, staff bool) (detailView, error) {
	db := h.DB.WithContext(ctx)
	d := detailView{summaryView: summaryOf(r, staff), Note: r.Note,
		RequestedLines: []requestedLine{}, Versions: []versionView{}, ChangeRequests: []changeView{}}
	if r.BPName != nil {
		d.BusinessPartner = &partnerView{Name: *r.BPName}
		if r.BPEmail != nil {
			d.BusinessPartner.Email = *r.BPEmail
		}
	}
	var asked []models.QuoteRequestLine
	if err := db.Where("quote_id = ?", r.ID).Order("line_no").Find(&asked).Error; err != nil {
		return d, fmt.Errorf("load requested lines: %w", err)
	}
	for _, l := range asked {
		d.RequestedLines = append(d.RequestedLines, requestedLine{LineNo: l.LineNo, PartNumber: l.PartNumber, Description: l.Description, Quantity: l.Quantity})
	}
	var versions []models.QuoteVersion
	if err := db.Where("quote_id = ?", r.ID).Order("version").Find(&versions).Error; err != nil {
		return d, fmt.Errorf("load versions: %w", err)
	}
	var lines []models.QuoteLine
	if err := db.Where("quote_id = ?", r.ID).Order("version, line_no").Find(&lines).Error; err != nil {
		return d, fmt.Errorf("load version lines: %w", err)
	}
	byVersion := map[int][]models.QuoteLine{}
	for _, l := range lines {
		byVersion[l.Version] = append(byVersion[l.Version], l)
	}
	var prev []models.PricedLine
	for _, v := range versions {
		vv := versionView{Version: v.Version, Total: models.Money{Minor: v.TotalMinor, Currency: v.Currency},
			ValidUntil: v.ValidUntil, IssuedBy: v.IssuedBy, IssuedAt: v.IssuedAt, Note: v.Note,
			ChangeRequest: v.ChangeRequest, Lines: []lineView{}, ChangesFromPrevious: []models.LineDiff{}}
		cur := make([]models.PricedLine, 0, len(byVersion[v.Version]))
		for _, l := range byVersion[v.Version] {
			unit := models.Money{Minor: l.UnitMinor, Currency: l.Currency}
			total := models.Money{Minor: l.LineTotalMinor, Currency: l.Currency}
			vv.Lines = append(vv.Lines, lineView{LineNo: l.LineNo, PartNumber: l.PartNumber, Description: l.Description,
				Quantity: l.Quantity, UnitPrice: unit, DiscountBP: l.DiscountBP, LineTotal: total})
			cur = append(cur, models.PricedLine{QuoteItem: models.QuoteItem{ProductID: l.ProductID, PartNumber: l.PartNumber,
				Description: l.Description, Quantity: l.Quantity}, Unit: unit, DiscountBP: l.DiscountBP, Total: total})
		}
		if v.Version > 1 {
			vv.ChangesFromPrevious = append(vv.ChangesFromPrevious, models.DiffLines(prev, cur)...)
		}
		prev = cur
		d.Versions = append(d.Versions, vv)
	}
	var changes []models.QuoteChangeRequest
	if err := db.Where("quote_id = ?", r.ID).Order("seq").Find(&changes).Error; err != nil {
		return d, fmt.Errorf("load change requests: %w", err)
	}
	for _, c := range changes {
		cv := changeView{Seq: c.Seq, OnVersion: c.OnVersion, RequestedBy: c.RequestedBy, Note: c.Note, Status: string(c.Status),
			AnswerReason: c.AnswerReason, AnsweredBy: c.AnsweredBy, RevisedVersion: c.RevisedVersion,
			CreatedAt: c.CreatedAt, AnsweredAt: c.AnsweredAt}
		if err := json.Unmarshal(c.Changes, &cv.Changes); err != nil {
			return d, fmt.Errorf("decode change request %d: %w", c.Seq, err)
		}
		d.ChangeRequests = append(d.ChangeRequests, cv)
	}
	return d, nil
}
