// Package catalog holds the HTTP handlers of the catalog domain (SPEC E1):
// the catalog searched in the context of a site, priced in the site's
// currency at its price level, and the categories with their counts to
// build the search filters. The search itself is internal/catalog.
package catalog

import (
	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/models"
)

// Handlers are the catalog routes with what they use.
type Handlers struct {
	DB *gorm.DB

	cache categoryCache // the category counts, for categoriesTTL
}

// Routes declares the catalog routes with their requirements: searching a
// site's catalog needs Software & services at the highest level ("product
// catalog"); the categories are the same for everybody.
func (h *Handlers) Routes(r *api.Router) {
	r.Handle("GET", "/sites/:site/catalog", api.OnSite(models.ToolSoftware, models.SoftwareFull), h.search)
	r.Handle("GET", "/catalog/categories", api.SignedIn(), h.categories)
}
