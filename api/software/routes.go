// Package software holds the HTTP handlers of the Software & services
// tool (SPEC B1 tool 1, B4), by level: downloads only (the packages of
// the site's entitled products and a short-lived signed link per
// package), downloads + media (requests for physical media, emailed to
// the site's media delivery contact), and the top level's price file (the
// catalog priced for the site, streamed as CSV). Quotes, the catalog and
// renewals, the rest of the top level, have their own rooms. The service
// behind it is internal/software; links are signed by models.DownloadLink.
package software

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// Handlers are the Software & services routes with what they use.
type Handlers struct {
	DB *gorm.DB
	// Secret signs download links (PAO_DOWNLOAD_SECRET) and LinkTTL is
	// how long one lives (PAO_DOWNLOAD_LINK_TTL).
	Secret  []byte
	LinkTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Routes declares the routes, each on the :site it names: downloads need
// Software & services at downloads only, media requests at downloads +
// media, the price file at the top level.
func (h *Handlers) Routes(r *api.Router) {
	downloads := api.OnSite(models.ToolSoftware, models.SoftwareDownloads)
	r.Handle("GET", "/sites/:site/downloads", downloads, h.list)
	r.Handle("GET", "/sites/:site/downloads/:package", downloads, h.get)
	r.Handle("POST", "/sites/:site/downloads/:package/link", downloads, h.link)

	media := api.OnSite(models.ToolSoftware, models.SoftwareDownloadsMedia)
	r.Handle("GET", "/sites/:site/media-requests", media, h.listMedia)
	r.Handle("POST", "/sites/:site/media-requests", media, h.requestMedia)

	r.Handle("GET", "/sites/:site/price-file", api.OnSite(models.ToolSoftware, models.SoftwareFull), h.priceFile)
}

func (h *Handlers) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

// Limits of the lists.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// once returns query parameter name, refusing it given more than once.
func once(c *gin.Context, name string) (string, bool, error) {
	vs, ok := c.GetQueryArray(name)
	if len(vs) > 1 {
		return "", false, api.Invalid(api.FieldError{Field: name, Detail: "must be given at most once"})
	}
	if !ok {
		return "", false, nil
	}
	return vs[0], true, nil
}

// limit reads ?limit= (def when absent, from 1 to hi).
func limit(c *gin.Context, def, hi int) (int, error) {
	v, ok, err := once(c, "limit")
	if err != nil || !ok {
		return def, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > hi {
		return 0, api.Invalid(api.FieldError{Field: "limit", Detail: fmt.Sprintf("must be an integer from 1 to %d", hi)})
	}
	return n, nil
}

// sitePath is the path of site's Software & services routes.
func sitePath(site models.Site) string { return "/v1/sites/" + site.SiteNumber }
