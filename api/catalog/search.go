package catalog

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/pao/pao/api"
	svc "github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

// priceOnRequest is what an item without a price in the site's currency
// and level shows: a quote is needed.
const priceOnRequest = "price on request"

type itemView struct {
	PartNumber     string             `json:"part_number"`
	Description    string             `json:"description"`
	Category       string             `json:"category"`
	LicenseType    models.LicenseType `json:"license_type"`
	Price          *models.Money      `json:"price"`
	PriceDisplay   string             `json:"price_display"`
	PriceOnRequest bool               `json:"price_on_request"`
}

type searchView struct {
	SiteNumber    string       `json:"site_number"`
	Currency      string       `json:"currency"`
	PriceLevel    string       `json:"price_level"`
	Items         []itemView   `json:"items"`
	NextPageToken string       `json:"next_page_token,omitempty"`
	Next          string       `json:"next,omitempty"`
	Contact       *contactView `json:"contact,omitempty"`
}

// searchParams are the query parameters the search reads.
var searchParams = []string{"q", "category", "license_type", "page_token", "limit"}

// GET /v1/sites/:site/catalog?q=&category=&license_type=&page_token=&limit=
// (E1): one page of the catalog for the site, priced in its currency at
// its price level; next_page_token (and the next link) while more follow.
// Nothing found: whom to contact (F22).
func (h *Handlers) search(c *gin.Context) error {
	site := api.SiteOf(c).Site
	q, err := parseQuery(c)
	if err != nil {
		return err
	}
	q.Currency, q.PriceLevel, err = svc.SitePricing(c, h.DB, site.ID)
	if err != nil {
		return fmt.Errorf("catalog of site %s: %w", site.SiteNumber, err)
	}
	page, err := svc.Search(c, h.DB, q)
	var fe *svc.FieldError
	switch {
	case errors.As(err, &fe):
		return api.Invalid(api.FieldError{Field: fe.Field, Detail: fe.Detail})
	case err != nil:
		return fmt.Errorf("catalog of site %s: %w", site.SiteNumber, err)
	}
	out := searchView{SiteNumber: site.SiteNumber, Currency: q.Currency, PriceLevel: q.PriceLevel,
		Items: make([]itemView, 0, len(page.Items)), NextPageToken: page.NextPageToken}
	for _, it := range page.Items {
		v := itemView{PartNumber: it.PartNumber, Description: it.Description, Category: it.Category,
			LicenseType: it.LicenseType, Price: it.Price, PriceOnRequest: it.PriceOnRequest, PriceDisplay: priceOnRequest}
		if it.Price != nil {
			v.PriceDisplay = it.Price.String()
		}
		out.Items = append(out.Items, v)
	}
	if page.NextPageToken != "" {
		out.Next = nextLink(c, page.NextPageToken)
	}
	if len(out.Items) == 0 {
		if out.Contact, err = h.contact(c, site); err != nil {
			return err
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// parseQuery reads the search parameters; each may be given once, and
// limit is an integer from 1 to svc.MaxLimit. The service checks the rest.
func parseQuery(c *gin.Context) (svc.Query, error) {
	for _, p := range searchParams {
		if len(c.QueryArray(p)) > 1 {
			return svc.Query{}, api.Invalid(api.FieldError{Field: p, Detail: "must be given at most once"})
		}
	}
	q := svc.Query{
		Text: c.Query("q"), Category: c.Query("category"),
		LicenseType: models.LicenseType(c.Query("license_type")), PageToken: c.Query("page_token"),
	}
	if v, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > svc.MaxLimit {
			return svc.Query{}, api.Invalid(api.FieldError{Field: "limit", Detail: fmt.Sprintf("must be an integer from 1 to %d", svc.MaxLimit)})
		}
		q.Limit = n
	}
	return q, nil
}

// nextLink is this request's path and search parameters with the next
// page token.
func nextLink(c *gin.Context, token string) string {
	v := url.Values{}
	for _, p := range searchParams {
		if s, ok := c.GetQuery(p); ok && s != "" {
			v.Set(p, s)
		}
	}
	v.Set("page_token", token)
	return c.Request.URL.Path + "?" + v.Encode()
}
