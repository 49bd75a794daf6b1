package software

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/catalog"
	svc "github.com/pao/pao/internal/software"
	"github.com/pao/pao/models"
)

// Pages of the price list as JSON.
const (
	defaultPriceLimit = 100
	maxPriceLimit     = 1000
)

// priceView is a product of the price list as JSON.
type priceView struct {
	svc.PriceRow
	PriceOnRequest bool `json:"price_on_request"`
}

// GET /v1/sites/:site/price-file?format=csv|json&limit=&page_token=: the
// site's price list, every product of the catalog with its unit price in
// the site's currency at its price level (the agreement's volume level;
// EXPRESS for an Express site), by part number. By default the CSV file
// price-list-<level>-<currency>-<date>.csv, streamed a page at a time
// whatever the catalog's size; format=json gives it a page at a time
// (limit, page_token) for programs.
func (h *Handlers) priceFile(c *gin.Context) error {
	site := api.SiteOf(c).Site
	format, _, err := once(c, "format")
	if err != nil {
		return err
	}
	if format != "" && format != "csv" && format != "json" {
		return api.Invalid(api.FieldError{Field: "format", Detail: "must be csv or json"})
	}
	n, err := limit(c, defaultPriceLimit, maxPriceLimit)
	if err != nil {
		return err
	}
	after, _, err := once(c, "page_token")
	if err != nil {
		return err
	}
	if after != "" && !svc.ValidPriceToken(after) {
		return api.Invalid(api.FieldError{Field: "page_token", Detail: "is not a page token this list returned"})
	}
	currency, level, err := catalog.SitePricing(c, h.DB, site.ID)
	if err != nil {
		return fmt.Errorf("price list of site %s: %w", site.SiteNumber, err)
	}
	name := models.PriceFileName(level, currency, h.now())
	if format == "json" {
		return h.pricePage(c, site, currency, level, name, after, n)
	}
	if after != "" {
		return api.Invalid(api.FieldError{Field: "page_token", Detail: "pages only the JSON price list (format=json); the CSV file is the whole list"})
	}
	open := func() (svc.RowWriter, error) {
		cw, err := api.StartCSV(c, name, svc.PriceFileHeader()...)
		if err != nil {
			return nil, err
		}
		return pacedWriter{CSVWriter: cw, rc: http.NewResponseController(c.Writer)}, nil
	}
	if _, err := svc.WritePriceFile(c, h.DB, currency, level, open, svc.PriceFilePage); err != nil {
		if !c.Writer.Written() {
			return err
		}
		// The status is sent: the file ends early; the error is logged.
		_ = c.Error(fmt.Errorf("price file of site %s: %w", site.SiteNumber, err))
	}
	return nil
}

// pricePage answers one page of the price list as JSON.
func (h *Handlers) pricePage(c *gin.Context, site models.Site, currency, level, name, after string, n int) error {
	rows, err := svc.PricePage(c, h.DB, currency, level, after, n+1, nil)
	if err != nil {
		return err
	}
	var next string
	if len(rows) > n {
		rows = rows[:n]
		next = rows[n-1].PartNumber
	}
	items := make([]priceView, 0, len(rows))
	for _, r := range rows {
		items = append(items, priceView{PriceRow: r, PriceOnRequest: r.Price == nil})
	}
	resp := gin.H{"site_number": site.SiteNumber, "currency": currency, "price_level": level, "file_name": name, "items": items}
	if next != "" {
		resp["next_page_token"] = next
		q := c.Request.URL.Query()
		q.Set("page_token", next)
		resp["next"] = c.Request.URL.Path + "?" + q.Encode()
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

// pageWriteTimeout is how long one page of the price file may take to
// reach the client: each flush moves the connection's write deadline on
// by it, so a file of any size streams past the server's write timeout
// while the client keeps reading.
const pageWriteTimeout = time.Minute

// pacedWriter is the CSV writer of the price file, moving the write
// deadline on after each page it flushes.
type pacedWriter struct {
	*api.CSVWriter
	rc *http.ResponseController
}

func (w pacedWriter) Flush() error {
	if err := w.CSVWriter.Flush(); err != nil {
		return err
	}
	if err := w.rc.SetWriteDeadline(time.Now().Add(pageWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("price file write deadline: %w", err)
	}
	return nil
}
