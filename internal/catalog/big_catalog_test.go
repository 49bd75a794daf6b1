package catalog_test

import (
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// bigCatalogSize is the catalog the plan test and the benchmark search.
const bigCatalogSize = 100_000

// bigCatalog is a database with the demo dataset and 100,000 generated
// products priced at every level in use (about two million price rows),
// analyzed.
func bigCatalog(tb testing.TB) *gorm.DB {
	tb.Helper()
	db := testenv.DB(tb)
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	n, err := seed.LoadCatalog(ctx, db, bigCatalogSize)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("LoadCatalog(%d) took %s", n, time.Since(start).Round(time.Millisecond))
	return db
}
