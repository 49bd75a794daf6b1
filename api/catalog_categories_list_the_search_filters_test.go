package api_test

import (
	"net/url"
	"strconv"
	"testing"
)

// GET /v1/catalog/categories lists every category with its count in all
// and per licence type, and the count per licence type over the catalog,
// for anybody signed in; the counts are what the search finds with that
// filter.
func TestCatalogCategoriesListTheSearchFilters(t *testing.T) {
	t.Parallel()
	a := startCatalog(t)
	r := a.Do("GET", "/v1/catalog/categories", a.Token(frank), nil)
	if r.Status != 200 {
		t.Fatalf("categories as frank = %d %s", r.Status, r.Body)
	}
	var b struct {
		Categories []struct {
			Category     string         `json:"category"`
			Count        int            `json:"count"`
			LicenseTypes map[string]int `json:"license_types"`
		} `json:"categories"`
		LicenseTypes []struct {
			LicenseType string `json:"license_type"`
			Count       int    `json:"count"`
		} `json:"license_types"`
	}
	r.JSON(t, &b)
	var total int64
	if err := a.Runtime.DB.Raw("SELECT count(*) FROM products").Scan(&total).Error; err != nil {
		t.Fatal(err)
	}
	sum, perType := 0, map[string]int{}
	for _, c := range b.Categories {
		sum += c.Count
		n := 0
		for lt, k := range c.LicenseTypes {
			n += k
			perType[lt] += k
		}
		if n != c.Count {
			t.Errorf("%s: %d in all, %d per licence type", c.Category, c.Count, n)
		}
	}
	if sum != int(total) || len(b.Categories) < 8 || len(b.LicenseTypes) != 4 {
		t.Fatalf("%d categories counting %d products, %d licence types; the catalog has %d", len(b.Categories), sum, len(b.LicenseTypes), total)
	}
	for _, lt := range b.LicenseTypes {
		if perType[lt.LicenseType] != lt.Count {
			t.Errorf("%s: %d over the catalog, %d over the categories", lt.LicenseType, lt.Count, perType[lt.LicenseType])
		}
	}
	// The smallest category's count is what its filter finds.
	small := b.Categories[0]
	for _, c := range b.Categories {
		if c.Count < small.Count {
			small = c
		}
	}
	p := getCatalog(t, a, alice, acmeSite+"/catalog?limit=100&category="+url.QueryEscape(small.Category))
	n := len(p.Items)
	for p.Next != "" {
		p = getCatalog(t, a, alice, p.Next)
		n += len(p.Items)
	}
	if n != small.Count {
		t.Errorf("category %s: the search finds %d, the count says %s", small.Category, n, strconv.Itoa(small.Count))
	}
}
