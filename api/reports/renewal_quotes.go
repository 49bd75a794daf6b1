package reports

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/reports"
	"github.com/pao/pao/models"
)

// renewalQuoteColumns are the CSV columns of the renewal quotes report,
// the JSON fields of each row (the total as total_minor and currency).
var renewalQuoteColumns = []string{"quote_number", "site_number", "site_name", "agreement_number", "due_date",
	"renewal_status", "quote_status", "channel", "current_version", "valid_until", "total_minor", "currency",
	"order_ref", "external_order"}

func renewalQuoteRecord(r reports.RenewalQuote) []string {
	var valid, minor, currency string
	if r.ValidUntil != nil {
		valid = r.ValidUntil.UTC().Format(time.RFC3339Nano)
	}
	if r.Total != nil {
		minor, currency = strconv.FormatInt(r.Total.Minor, 10), r.Total.Currency
	}
	return []string{r.QuoteNumber, r.SiteNumber, r.SiteName, r.AgreementNumber, r.DueDate, string(r.RenewalStatus),
		string(r.QuoteStatus), r.Channel, strconv.Itoa(r.CurrentVersion), valid, minor, currency, r.OrderRef, r.ExternalOrder}
}

// GET /v1/sites/:site/reports/renewal-quotes?scope=&site=&quote_number=&due_from=&due_to=&status=&limit=&page_token=&format=
// (B4): the renewal quotes of the sites covered, soonest due first.
func (h *Handlers) renewalQuotes(c *gin.Context) error {
	csv, err := api.WantsCSV(c)
	if err != nil {
		return err
	}
	q, bad := readScope(c)
	pg, b := readPage(c)
	bad = append(bad, b...)
	f := reports.RenewalQuoteFilter{}
	if n, ok := c.GetQuery("quote_number"); ok {
		if !models.ValidQuoteNumber(n) {
			bad = append(bad, api.FieldError{Field: "quote_number", Detail: "must be a quote number (RQ-2026-000123)"})
		}
		f.QuoteNumber = n
	}
	f.DueFrom, f.DueTo, b = readRange(c, "due_from", "due_to")
	bad = append(bad, b...)
	f.Status, b = oneOf(c, "status", models.QuoteStatuses)
	bad = append(bad, b...)
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}
	cv, err := h.cover(c, q)
	if err != nil {
		return err
	}
	f.Sites = cv.Sites
	return report[reports.RenewalQuote]{name: "renewal_quotes", columns: renewalQuoteColumns, record: renewalQuoteRecord,
		fetch: func(after *reports.Cursor, limit int) ([]reports.RenewalQuote, *reports.Cursor, error) {
			return reports.RenewalQuotes(c, h.DB, f, after, limit)
		}}.answer(c, cv, pg, csv)
}
