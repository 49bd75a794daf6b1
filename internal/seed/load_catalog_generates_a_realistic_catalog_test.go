package seed_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// LoadCatalog adds the demo-size generated catalog (issue 9 item 1): at
// least 5,000 products, real-looking part numbers and descriptions across
// categories and all four licence types, priced in USD, EUR, GBP and IDR
// at the levels the demo sites use, with a few products on request; the
// same rows every time, and a second load adds nothing.
func TestLoadCatalogGeneratesARealisticCatalog(t *testing.T) {
	t.Parallel()
	db := testenv.DB(t)
	ctx := context.Background()
	if _, err := seed.Load(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := seed.LoadCatalog(ctx, db, seed.DemoCatalogSize)
	if err != nil {
		t.Fatalf("LoadCatalog: %v", err)
	}
	t.Logf("LoadCatalog(%d) took %s", seed.DemoCatalogSize, time.Since(start))
	if n != seed.DemoCatalogSize || seed.DemoCatalogSize < 5000 {
		t.Fatalf("LoadCatalog = %d, want %d (>= 5000)", n, seed.DemoCatalogSize)
	}
	total := scalar[int64](t, db, "SELECT count(*) FROM products")
	if total != int64(seed.DemoCatalogSize)+15 {
		t.Errorf("%d products, want %d generated + 15 hand-written", total, seed.DemoCatalogSize)
	}

	// Real-looking part numbers and descriptions.
	re := regexp.MustCompile(`^[A-Z0-9]{5,10}$`)
	var parts []string
	if err := db.Raw("SELECT part_number FROM products ORDER BY part_number").Scan(&parts).Error; err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		if !re.MatchString(p) {
			t.Errorf("part number %q", p)
		}
	}
	if n := scalar[int64](t, db, "SELECT count(DISTINCT description) FROM products"); n < total*9/10 {
		t.Errorf("only %d distinct descriptions of %d products", n, total)
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM products WHERE description NOT LIKE 'IBM %'"); n != 0 {
		t.Errorf("%d descriptions do not start with IBM", n)
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM products WHERE description LIKE '%WebSphere%'"); n < 50 {
		t.Errorf("only %d WebSphere products", n)
	}
	if n := scalar[int64](t, db, "SELECT count(DISTINCT category) FROM products"); n < 8 {
		t.Errorf("%d categories, want >= 8", n)
	}
	for _, lt := range []string{"license_ss", "ss_renewal", "ss_reinstatement", "media"} {
		if n := scalar[int64](t, db, "SELECT count(*) FROM products WHERE license_type = ?", lt); n < 1000 {
			t.Errorf("%d products of licence type %s, want >= 1000", n, lt)
		}
	}

	// Priced at every level in use, in every currency, except the holes.
	for _, cur := range []string{"USD", "EUR", "GBP", "IDR"} {
		for _, lv := range []string{"BL", "D", "E", "GV", seed.PriceLevelExpress} {
			priced := scalar[int64](t, db, "SELECT count(*) FROM prices WHERE currency = ? AND price_level = ?", cur, lv)
			if priced < total*95/100 || priced >= total {
				t.Errorf("%d of %d products priced in %s at %s: want most, not all", priced, total, cur, lv)
			}
		}
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM prices WHERE unit_minor <= 0"); n != 0 {
		t.Errorf("%d prices are zero", n)
	}
	if n := scalar[int64](t, db, "SELECT count(*) FROM prices WHERE currency = 'IDR' AND unit_minor % 100 <> 0"); n != 0 {
		t.Errorf("%d IDR prices are not whole rupiah", n)
	}

	// Deterministic and idempotent.
	before := catalogDigest(t, db)
	if _, err := seed.LoadCatalog(ctx, db, seed.DemoCatalogSize); err != nil {
		t.Fatal(err)
	}
	if again := catalogDigest(t, db); again != before {
		t.Error("a second LoadCatalog changed the catalog")
	}
	other := testenv.DB(t)
	if _, err := seed.Load(ctx, other, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.LoadCatalog(ctx, other, seed.DemoCatalogSize); err != nil {
		t.Fatal(err)
	}
	if elsewhere := catalogDigest(t, other); elsewhere != before {
		t.Error("LoadCatalog into another database gave another catalog")
	}
}

// catalogDigest is a digest of every product and price by business key
// (not by id).
func catalogDigest(t *testing.T, db *gorm.DB) string {
	t.Helper()
	return scalar[string](t, db, `SELECT md5(string_agg(p.part_number || p.description || p.category || p.license_type
		|| coalesce(x.currency || x.price_level || x.unit_minor, ''), '|' ORDER BY p.part_number, x.currency, x.price_level))
		FROM products p LEFT JOIN prices x ON x.product_id = p.id`)
}
