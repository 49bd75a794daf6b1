package api_test

import (
	"net/http"
	"testing"
)

// The catalog routes in the authorization matrix (issue 9 item 5): the
// site's catalog needs Software & services at full on the site (the
// matrix tries everybody below it and everybody without access); the
// categories are for anybody signed in.
func init() {
	moreRightUserSteps["GET /v1/sites/:site/catalog"] = func() []step {
		return []step{
			{"GET", acmeSite + "/catalog", nil, http.StatusOK},
			{"GET", acmeSite + "/catalog?q=websph&limit=5", nil, http.StatusOK},
			{"GET", acmeSite + "/catalog?license_type=perpetual", nil, http.StatusBadRequest},
		}
	}
	nonSiteRoutes["GET /v1/catalog/categories"] = nonSite{denyCatalogCategories, allowCatalogCategories}
}

// Signed in: the categories are the same for everybody and carry nothing
// of any site.
func denyCatalogCategories(t *testing.T, m *matrix) {
	for _, who := range []string{frank, stranger, heidi, budi, ops} {
		r := m.expect(t, "GET", "/v1/catalog/categories", who, nil, http.StatusOK)
		m.noLeak(t, "GET /v1/catalog/categories as "+who, who, r, "/v1/catalog/categories", nil)
	}
}

func allowCatalogCategories(t *testing.T, m *matrix) {
	r := m.expect(t, "GET", "/v1/catalog/categories", alice, nil, http.StatusOK)
	var b struct {
		Categories []struct {
			Category string `json:"category"`
		} `json:"categories"`
		LicenseTypes []any `json:"license_types"`
	}
	r.JSON(t, &b)
	if len(b.Categories) == 0 || b.Categories[0].Category == "" || len(b.LicenseTypes) != 4 {
		t.Errorf("categories as alice: %s", r.Body)
	}
}
