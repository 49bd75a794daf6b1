package reports

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/reports"
)

// orderColumns are the CSV columns of the order history report, the JSON
// fields of each row (the total as total_minor and currency, the quote
// numbers separated by spaces, a null as empty).
var orderColumns = []string{"reference", "ordered_at", "site_number", "status", "kind", "total_minor", "currency",
	"poe_number", "payment_method", "quote_numbers"}

func orderRecord(o reports.Order) []string {
	var poe string
	if o.PoENumber != nil {
		poe = *o.PoENumber
	}
	return []string{o.Reference, o.OrderedAt.UTC().Format(time.RFC3339Nano), o.SiteNumber, string(o.Status), string(o.Kind),
		strconv.FormatInt(o.Total.Minor, 10), o.Total.Currency, poe, string(o.PaymentMethod), strings.Join(o.QuoteNumbers, " ")}
}

// GET /v1/sites/:site/reports/orders?scope=&site=&from=&to=&kind=&limit=&page_token=&format=
// (B4, G7): the order history of the sites covered, purchases and
// renewals, newest first.
func (h *Handlers) orders(c *gin.Context) error {
	csv, err := api.WantsCSV(c)
	if err != nil {
		return err
	}
	q, bad := readScope(c)
	pg, b := readPage(c)
	bad = append(bad, b...)
	f := reports.OrderFilter{}
	f.From, f.To, b = readRange(c, "from", "to")
	bad = append(bad, b...)
	f.Kind, b = oneOf(c, "kind", reports.OrderKinds)
	bad = append(bad, b...)
	if len(bad) > 0 {
		return api.Invalid(bad...)
	}
	cv, err := h.cover(c, q)
	if err != nil {
		return err
	}
	f.Sites = cv.Sites
	return report[reports.Order]{name: "orders", columns: orderColumns, record: orderRecord,
		fetch: func(after *reports.Cursor, limit int) ([]reports.Order, *reports.Cursor, error) {
			return reports.Orders(c, h.DB, f, after, limit)
		}}.answer(c, cv, pg, csv)
}
