package api_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// People of the catalog tests besides the personas: the Primaries of
// Brightwell London (300301: GBP, level BL, buys through a Business
// Partner) and of the Express site 400001 (IDR, level EXPRESS).
const (
	ian  = "ian@brightwell.example.com"
	made = "made@kopikita.example.com"
)

// catalogSize is the generated catalog the HTTP catalog tests search.
const catalogSize = 1200

// startCatalog starts the API (no worker: the catalog needs none) with the
// demo dataset and a generated catalog of catalogSize products.
func startCatalog(t *testing.T) *testenv.App {
	t.Helper()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.LoadCatalog(context.Background(), a.Runtime.DB, catalogSize); err != nil {
		t.Fatal(err)
	}
	return a
}

// catalogPage is the body of GET /v1/sites/:site/catalog.
type catalogPage struct {
	SiteNumber string `json:"site_number"`
	Currency   string `json:"currency"`
	PriceLevel string `json:"price_level"`
	Items      []struct {
		PartNumber  string `json:"part_number"`
		Description string `json:"description"`
		Category    string `json:"category"`
		LicenseType string `json:"license_type"`
		Price       *struct {
			AmountMinor int64  `json:"amount_minor"`
			Currency    string `json:"currency"`
		} `json:"price"`
		PriceDisplay   string `json:"price_display"`
		PriceOnRequest bool   `json:"price_on_request"`
	} `json:"items"`
	NextPageToken string `json:"next_page_token"`
	Next          string `json:"next"`
	Contact       *struct {
		Message  string `json:"message"`
		SalesRep *struct {
			Name, Email, Phone string
		} `json:"sales_rep"`
		BusinessPartner *struct {
			Name, Email string
		} `json:"business_partner"`
	} `json:"contact"`
}

// getCatalog GETs path as who and decodes the page, failing on anything
// but 200.
func getCatalog(t *testing.T, a *testenv.App, who, path string) catalogPage {
	t.Helper()
	r := a.Do("GET", path, a.Token(who), nil)
	if r.Status != 200 {
		t.Fatalf("GET %s as %s = %d %s", path, who, r.Status, r.Body)
	}
	var p catalogPage
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, r.Body)
	}
	return p
}
