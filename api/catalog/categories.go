package catalog

import (
	"fmt"
	"net/http"

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

// GET /v1/catalog/categories: every category with its number of products,
// in all and per licence type, and the number per licence type over the
// whole catalog (all four, zero included): what a client needs to build
// the category and license_type filters of the search.
func (h *Handlers) categories(c *gin.Context) error {
	cats, err := svc.Categories(c, h.DB)
	if err != nil {
		return fmt.Errorf("list categories: %w", err)
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
	c.JSON(http.StatusOK, gin.H{"categories": out, "license_types": types})
	return nil
}
