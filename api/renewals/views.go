package renewals

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/renewals"
	"github.com/pao/pao/models"
	"github.com/pao/pao/workflows/renewal"
)

// Limits of the lists.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// Views of GET /v1/renewals.
const (
	viewAwaiting = "awaiting"
	viewByMonth  = "by-month"
	viewDetails  = "details"
)

// Actions the caller can take on a renewal now (its screen's and list
// entry's "actions").
const (
	actionVerifyContacts = "verify_contacts"
	actionChooseChannel  = "choose_channel"
	actionOrderOnline    = "order_online"
	actionRequestChanges = "request_changes"
)

// repView is the renewal rep's contact details (F4 "sales representative").
type repView struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type partnerView struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

type verificationView struct {
	Verified bool       `json:"verified"`
	By       string     `json:"by,omitempty"`
	At       *time.Time `json:"at,omitempty"`
}

// renewalInfo is the renewal itself (F4 "renewal information").
type renewalInfo struct {
	Status        models.RenewalStatus  `json:"status"`
	Channel       models.RenewalChannel `json:"channel"`
	Partner       string                `json:"partner,omitempty"`
	DueDate       string                `json:"due_date"`
	Verification  verificationView      `json:"verification"`
	RemindersSent []string              `json:"reminders_sent"`
	SkippedSteps  []string              `json:"skipped_steps"`
	OrderRef      string                `json:"order_ref,omitempty"`
	ExternalOrder string                `json:"external_order,omitempty"`
	ClosedReason  string                `json:"closed_reason,omitempty"`
	WorkflowID    string                `json:"workflow_id"`
	UpdatedAt     time.Time             `json:"updated_at"`
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

// quoteInfo is the renewal quote's current version.
type quoteInfo struct {
	QuoteNumber    string             `json:"quote_number"`
	Status         models.QuoteStatus `json:"status"`
	CurrentVersion int                `json:"current_version"`
	ValidUntil     *time.Time         `json:"valid_until,omitempty"`
	Total          *models.Money      `json:"total,omitempty"`
	Lines          []lineView         `json:"lines"`
}

// accountInfo is the F4 "account information" tab.
type accountInfo struct {
	CustomerNumber  string `json:"customer_number"`
	CustomerName    string `json:"customer_name"`
	AgreementNumber string `json:"agreement_number,omitempty"`
	SiteNumber      string `json:"site_number"`
	SiteName        string `json:"site_name"`
	RenewalDueDate  string `json:"renewal_due_date"`
}

// screenView is the renewal quote screen (F4).
type screenView struct {
	Reference       string            `json:"reference"`
	QuoteNumber     string            `json:"quote_number,omitempty"`
	Renewal         renewalInfo       `json:"renewal"`
	Quote           *quoteInfo        `json:"quote"`
	Account         accountInfo       `json:"account"`
	SalesRep        *repView          `json:"sales_rep"`
	BusinessPartner *partnerView      `json:"business_partner,omitempty"`
	Actions         []string          `json:"actions"`
	Links           map[string]string `json:"links"`
}

// summaryView is a renewal in the awaiting list.
type summaryView struct {
	Reference        string                `json:"reference"`
	QuoteNumber      string                `json:"quote_number,omitempty"`
	SiteNumber       string                `json:"site_number"`
	SiteName         string                `json:"site_name"`
	CustomerNumber   string                `json:"customer_number"`
	CustomerName     string                `json:"customer_name"`
	AgreementNumber  string                `json:"agreement_number,omitempty"`
	DueDate          string                `json:"due_date"`
	Status           models.RenewalStatus  `json:"status"`
	Channel          models.RenewalChannel `json:"channel"`
	Partner          string                `json:"partner,omitempty"`
	QuoteStatus      models.QuoteStatus    `json:"quote_status,omitempty"`
	Total            *models.Money         `json:"total,omitempty"`
	ContactsVerified bool                  `json:"contacts_verified"`
	Actions          []string              `json:"actions"`
	Links            map[string]string     `json:"links"`
}

type monthView struct {
	Month        string                       `json:"month"`
	Quotes       int                          `json:"quotes"`
	ByStatus     map[models.RenewalStatus]int `json:"by_status"`
	Totals       []models.Money               `json:"totals"`
	QuoteNumbers []string                     `json:"quote_numbers"`
}

func dueOf(r renewals.Row) string { return r.DueDate.UTC().Format(renewal.DateLayout) }

func quoteOpen(r renewals.Row) bool {
	return r.QuoteStatus != nil && *r.QuoteStatus == models.QuoteOpen
}

// actionsOf lists what the caller can do on the renewal now: verify the
// contacts (the site's Primary, until done, while the renewal runs),
// choose or change the channel (once the quote is issued), and, on an
// open renewal quote with the online channel, order it (add it to the
// cart) or ask for changes.
func actionsOf(r renewals.Row) []string {
	out := []string{}
	if r.Status.Final() {
		return out
	}
	if r.CallerIsPrimary && r.ContactsVerifiedAt == nil {
		out = append(out, actionVerifyContacts)
	}
	if r.Status == models.RenewalQuoted || r.Status == models.RenewalAwaitingOrder {
		out = append(out, actionChooseChannel)
	}
	if r.Status == models.RenewalQuoted && r.Channel == models.ChannelOnline && quoteOpen(r) {
		out = append(out, actionOrderOnline, actionRequestChanges)
	}
	return out
}

func linksOf(r renewals.Row, actions []string) map[string]string {
	self := "/v1/renewals/" + r.Key()
	links := map[string]string{"self": self, "contacts": "/v1/sites/" + r.SiteNumber + "/contacts"}
	if r.QuoteNumber != "" {
		links["quote"] = "/v1/quotes/" + r.QuoteNumber
	}
	for _, a := range actions {
		switch a {
		case actionVerifyContacts:
			links["verify_contacts"] = self + "/verify-contacts"
		case actionChooseChannel:
			links["channel"] = self + "/channel"
		case actionOrderOnline:
			links["add_to_cart"] = "/v1/sites/" + r.SiteNumber + "/cart/quotes"
		case actionRequestChanges:
			links["change_requests"] = "/v1/quotes/" + r.QuoteNumber + "/change-requests"
		}
	}
	return links
}

func totalOf(r renewals.Row) *models.Money {
	if r.TotalMinor == nil || r.TotalCurrency == nil {
		return nil
	}
	return &models.Money{Minor: *r.TotalMinor, Currency: *r.TotalCurrency}
}

func summaryOf(r renewals.Row) summaryView {
	acts := actionsOf(r)
	v := summaryView{Reference: r.Reference(), QuoteNumber: r.QuoteNumber, SiteNumber: r.SiteNumber, SiteName: r.SiteName,
		CustomerNumber: r.CustomerNumber, CustomerName: r.CustomerName, AgreementNumber: r.AgreementNumber,
		DueDate: dueOf(r), Status: r.Status, Channel: r.Channel, Partner: r.ChannelPartner, Total: totalOf(r),
		ContactsVerified: r.ContactsVerifiedAt != nil, Actions: acts, Links: linksOf(r, acts)}
	if r.QuoteStatus != nil {
		v.QuoteStatus = *r.QuoteStatus
	}
	return v
}

func screenOf(r renewals.Row, lines []renewals.Line) screenView {
	acts := actionsOf(r)
	v := screenView{Reference: r.Reference(), QuoteNumber: r.QuoteNumber,
		Renewal: renewalInfo{Status: r.Status, Channel: r.Channel, Partner: r.ChannelPartner, DueDate: dueOf(r),
			Verification:  verificationView{Verified: r.ContactsVerifiedAt != nil, By: r.ContactsVerifiedBy, At: r.ContactsVerifiedAt},
			RemindersSent: append([]string{}, r.RemindersSent...), SkippedSteps: append([]string{}, r.SkippedSteps...),
			OrderRef: r.OrderRef, ExternalOrder: r.ExternalOrder, ClosedReason: r.ClosedReason, WorkflowID: r.WorkflowID,
			UpdatedAt: r.UpdatedAt},
		Account: accountInfo{CustomerNumber: r.CustomerNumber, CustomerName: r.CustomerName, AgreementNumber: r.AgreementNumber,
			SiteNumber: r.SiteNumber, SiteName: r.SiteName, RenewalDueDate: dueOf(r)},
		Actions: acts, Links: linksOf(r, acts)}
	if r.RepEmail != "" {
		v.SalesRep = &repView{Name: r.RepName, Email: r.RepEmail, Phone: r.RepPhone}
	}
	if r.BPName != nil {
		v.BusinessPartner = &partnerView{Name: *r.BPName}
		if r.BPEmail != nil {
			v.BusinessPartner.Email = *r.BPEmail
		}
	}
	if r.QuoteStatus != nil {
		q := &quoteInfo{QuoteNumber: r.QuoteNumber, Status: *r.QuoteStatus, ValidUntil: r.QuoteValidUntil, Total: totalOf(r),
			Lines: []lineView{}}
		if r.CurrentVersion != nil {
			q.CurrentVersion = *r.CurrentVersion
		}
		for _, l := range lines {
			q.Lines = append(q.Lines, lineView{LineNo: l.LineNo, PartNumber: l.PartNumber, Description: l.Description,
				Quantity: l.Quantity, UnitPrice: models.Money{Minor: l.UnitMinor, Currency: l.Currency}, DiscountBP: l.DiscountBP,
				LineTotal: models.Money{Minor: l.LineTotalMinor, Currency: l.Currency}})
		}
		v.Quote = q
	}
	return v
}

// screen is the quote screen of r, with its current lines.
func (h *Handlers) screen(ctx context.Context, r renewals.Row) (screenView, error) {
	lines, err := renewals.CurrentLines(ctx, h.DB, []renewals.Row{r})
	if err != nil {
		return screenView{}, err
	}
	var ls []renewals.Line
	if r.QuoteID != nil {
		ls = lines[*r.QuoteID]
	}
	return screenOf(r, ls), nil
}

// GET /v1/renewals/:quote: the renewal quote screen (F4).
func (h *Handlers) get(c *gin.Context) error {
	v, err := h.screen(c, api.Loaded[renewals.Row](c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

var numberRe = regexp.MustCompile(`^[0-9]{4,10}$`)

// numberQuery reads an agreement or customer number parameter ("" when
// absent).
func numberQuery(c *gin.Context, name string) (string, error) {
	v, ok := c.GetQuery(name)
	if !ok {
		return "", nil
	}
	if !numberRe.MatchString(v) {
		return "", api.Invalid(api.FieldError{Field: name, Detail: "must be 4 to 10 digits"})
	}
	return v, nil
}

// GET /v1/renewals?view=&agreement=&customer=&limit=&page_token= (F3):
// over the sites where the caller has Software & services at full, the
// renewals awaiting action (view=awaiting, the default without a filter),
// the renewal quotes per month of due date with totals (view=by-month),
// or every renewal with its quote (view=details, the default with
// agreement= or customer=).
func (h *Handlers) list(c *gin.Context) error {
	view := c.Query("view")
	switch view {
	case "", viewAwaiting, viewByMonth, viewDetails:
	default:
		return api.Invalid(api.FieldError{Field: "view", Detail: "must be one of: awaiting, by-month, details"})
	}
	agreement, err := numberQuery(c, "agreement")
	if err != nil {
		return err
	}
	customer, err := numberQuery(c, "customer")
	if err != nil {
		return err
	}
	if view == "" {
		view = viewAwaiting
		if agreement != "" || customer != "" {
			view = viewDetails
		}
	}
	limit, err := api.IntQuery(c, "limit", defaultLimit, 1, maxLimit)
	if err != nil {
		return err
	}
	after, err := pageToken(c)
	if err != nil {
		return err
	}
	if view == viewByMonth && after != nil {
		return api.Invalid(api.FieldError{Field: "page_token", Detail: "the by-month view is not paged"})
	}
	f := renewals.Filter{UserID: api.Caller(c).ID, Pending: view == viewAwaiting, AgreementNumber: agreement, CustomerNumber: customer}
	resp := gin.H{"view": view}
	if agreement != "" || customer != "" {
		sees, err := renewals.Sees(c, h.DB, f)
		if err != nil {
			return err
		}
		if !sees {
			what := "agreement"
			if agreement == "" {
				what = "customer"
			}
			return api.NotFound(fmt.Sprintf("no %s with a site where you have Software & services at full", what))
		}
		if agreement != "" {
			resp["agreement"] = agreement
		}
		if customer != "" {
			resp["customer"] = customer
		}
	}
	if view == viewByMonth {
		months, err := renewals.ByMonth(c, h.DB, f)
		if err != nil {
			return err
		}
		out := make([]monthView, 0, len(months))
		for _, m := range months {
			out = append(out, monthView{Month: m.Month, Quotes: m.Quotes, ByStatus: m.ByStatus, Totals: m.Totals, QuoteNumbers: m.QuoteNumbers})
		}
		resp["months"] = out
		c.JSON(http.StatusOK, resp)
		return nil
	}
	rows, next, err := renewals.List(c, h.DB, f, after, limit)
	if err != nil {
		return err
	}
	if view == viewAwaiting {
		out := make([]summaryView, 0, len(rows))
		for _, r := range rows {
			out = append(out, summaryOf(r))
		}
		resp["renewals"] = out
	} else {
		lines, err := renewals.CurrentLines(c, h.DB, rows)
		if err != nil {
			return err
		}
		out := make([]screenView, 0, len(rows))
		for _, r := range rows {
			var ls []renewals.Line
			if r.QuoteID != nil {
				ls = lines[*r.QuoteID]
			}
			out = append(out, screenOf(r, ls))
		}
		resp["renewals"] = out
	}
	if next != nil {
		resp["next_page_token"] = encodeCursor(*next)
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// epochDay is the day page tokens count from.
var epochDay = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// encodeCursor writes a page token: the last row's due date (days since
// 1970-01-01) and id, in base 36.
func encodeCursor(cur renewals.Cursor) string {
	days := int64(cur.Due.UTC().Sub(epochDay) / (24 * time.Hour))
	return strconv.FormatInt(days, 36) + "." + strconv.FormatInt(cur.ID, 36)
}

func pageToken(c *gin.Context) (*renewals.Cursor, error) {
	s, ok := c.GetQuery("page_token")
	if !ok {
		return nil, nil
	}
	bad := api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	d, id, found := strings.Cut(s, ".")
	if !found || len(s) > 30 {
		return nil, bad
	}
	days, err1 := strconv.ParseInt(d, 36, 64)
	n, err2 := strconv.ParseInt(id, 36, 64)
	if err1 != nil || err2 != nil || days <= 0 || days > 200000 || n <= 0 {
		return nil, bad
	}
	return &renewals.Cursor{Due: epochDay.AddDate(0, 0, int(days)), ID: n}, nil
}
