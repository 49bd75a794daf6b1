package catalog_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/catalog"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

var ctx = context.Background()

// product is a catalog row a test inserts, with its prices by
// "CURRENCY/LEVEL".
type product struct {
	part, desc, category string
	lt                   models.LicenseType
	prices               map[string]int64
}

// insert adds the products and their prices and returns their ids by part
// number.
func insert(t *testing.T, db *gorm.DB, ps ...product) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, p := range ps {
		row := models.Product{PartNumber: p.part, Description: p.desc, Category: p.category, LicenseType: p.lt}
		if err := db.Create(&row).Error; err != nil {
			t.Fatalf("insert %s: %v", p.part, err)
		}
		ids[p.part] = row.ID
		for k, minor := range p.prices {
			cur, lv, _ := strings.Cut(k, "/")
			if err := db.Create(&models.Price{ProductID: row.ID, Currency: cur, PriceLevel: lv, UnitMinor: minor}).Error; err != nil {
				t.Fatalf("price %s %s: %v", p.part, k, err)
			}
		}
	}
	return ids
}

// generated is a database with the demo dataset and n generated products.
func generated(t *testing.T, n int) *gorm.DB {
	t.Helper()
	db := testenv.DB(t)
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.LoadCatalog(ctx, db, n); err != nil {
		t.Fatal(err)
	}
	return db
}

func search(t *testing.T, db *gorm.DB, q catalog.Query) catalog.Page {
	t.Helper()
	p, err := catalog.Search(ctx, db, q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return p
}

// everyPage follows the page tokens of q to the end and returns every item
// in order, failing past maxPages.
func everyPage(t *testing.T, db *gorm.DB, q catalog.Query, maxPages int) (items []catalog.Item, pages int) {
	t.Helper()
	for {
		p := search(t, db, q)
		pages++
		items = append(items, p.Items...)
		if p.NextPageToken == "" {
			return items, pages
		}
		if len(p.Items) != q.Limit {
			t.Fatalf("page %d has %d items and a next page; want %d", pages, len(p.Items), q.Limit)
		}
		if pages >= maxPages {
			t.Fatalf("more than %d pages", maxPages)
		}
		q.PageToken = p.NextPageToken
	}
}

func parts(items []catalog.Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.PartNumber)
	}
	return out
}

func column[T any](t *testing.T, db *gorm.DB, query string, args ...any) []T {
	t.Helper()
	var out []T
	if err := db.Raw(query, args...).Scan(&out).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}
