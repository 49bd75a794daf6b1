package catalog

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	svc "github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/models"
)

type categoryView struct {
	Category     string                       `json:"category"`
	Count        int64                        `json:"count"`
	LicenseTypes map[models.LicenseType]int64 `json:"license_types"`
}

type licenseTypeView struct {
	LicenseType models.LicenseType `json:"license_type"`
	Count       int64              `json:"count"`
}

// categoriesTTL is how long an API process serves the category counts
// from memory: counting is a pass over the whole catalog (tens of
// milliseconds at 100,000 products), the counts change only when the
// catalog does, and a filter list a minute old is still right to build a
// search with.
const categoriesTTL = time.Minute

// categoryCache holds the last category counts and when they were taken.
type categoryCache struct {
	mu   sync.Mutex
	at   time.Time
	body gin.H
}

// GET /v1/catalog/categories: every category with its number of products,
// in all and per licence type, and the number per licence type over the
// whole catalog (all four, zero included): what a client needs to build
// the category and license_type filters of the search.
func (h *Handlers) categories(c *gin.Context) error {
	h.cache.mu.Lock()
	defer h.cache.mu.Unlock()
	if h.cache.body == nil || time.Since(h.cache.at) > categoriesTTL {
		body, err := h.countCategories(c)
		if err != nil {
			return err
		}
		h.cache.body, h.cache.at = body, time.Now()
	}
	c.JSON(http.StatusOK, h.cache.body)
	return nil
}

func (h *Handlers) countCategories(c *gin.Context) (gin.H, error) {
	cats, err := svc.Categories(c, h.DB)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	totals := make(map[models.LicenseType]int64, len(models.LicenseTypes))
	out := make([]categoryView, 0, len(cats))
	for _, ct := range cats {
		out = append(out, categoryView{Category: ct.Name, Count: ct.Count, LicenseTypes: ct.LicenseTypes})
		for lt, n := range ct.LicenseTypes {
			totals[lt] += n
		}
	}
	types := make([]licenseTypeView, 0, len(models.LicenseTypes))
	for _, lt := range models.LicenseTypes {
		types = append(types, licenseTypeView{LicenseType: lt, Count: totals[lt]})
	}
	return gin.H{"categories": out, "license_types": types}, nil
}
