package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// priceFile downloads a site's price file as who and returns its name
// and rows (header first).
func priceFile(t *testing.T, a *testenv.App, who, site string) (string, [][]string) {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site+"/price-file", tokenFor(a, who), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("price file of %s as %s = %d: %s", site, who, r.Status, r.Body)
	}
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("Content-Disposition %q, Content-Type %q", r.Header.Get("Content-Disposition"), r.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil {
		t.Fatalf("the price file is not CSV: %v", err)
	}
	return params["filename"], rows
}

// TestSoftwarePriceFilePricesEveryProductForTheSite: the price file holds
// every product of the catalog once, by part number, each at the price
// the catalog has in the site's currency at its level (empty and "price on
// request" where it has none), and is named for the level, the currency
// and today; its JSON pages hold the same rows. An Express site gets the
// EXPRESS level in its currency.
func TestSoftwarePriceFilePricesEveryProductForTheSite(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	if _, err := seed.LoadCatalog(context.Background(), a.Runtime.DB, 300); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	for _, c := range []struct{ who, site, currency, level string }{
		{alice, "300001", "USD", "E"},
		{"made@kopikita.example.com", "400001", "IDR", models.PriceLevelExpress},
	} {
		name, rows := priceFile(t, a, c.who, c.site)
		if want := "price-list-" + c.level + "-" + c.currency + "-" + today + ".csv"; name != want {
			t.Errorf("%s: file name %q, want %q", c.site, name, want)
		}
		if !slices.Equal(rows[0], []string{"part_number", "description", "category", "license_type", "currency", "price_level",
			"unit_price", "unit_price_minor", "price_on_request"}) {
			t.Fatalf("header %v", rows[0])
		}
		var want []string
		if err := a.Runtime.DB.Raw(`SELECT p.part_number || '|' || p.license_type || '|' || coalesce(pr.unit_minor::text, '-')
			FROM products p LEFT JOIN prices pr ON pr.product_id = p.id AND pr.currency = ? AND pr.price_level = ?
			ORDER BY p.part_number`, c.currency, c.level).Scan(&want).Error; err != nil {
			t.Fatal(err)
		}
		var got []string
		onRequest := 0
		for _, r := range rows[1:] {
			if r[4] != c.currency || r[5] != c.level {
				t.Fatalf("%s: row %v not in %s at %s", c.site, r, c.currency, c.level)
			}
			minor := r[7]
			switch {
			case r[8] == "true" && r[6] == "" && r[7] == "":
				minor = "-"
				onRequest++
			case r[8] != "false":
				t.Fatalf("%s: row %v", c.site, r)
			default:
				n, _ := strconv.ParseInt(r[7], 10, 64)
				if r[6] != models.PlainAmount(models.Money{Minor: n, Currency: c.currency}) {
					t.Errorf("%s: unit_price %q for %s minor units", c.site, r[6], r[7])
				}
			}
			got = append(got, r[0]+"|"+r[3]+"|"+minor)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the file's %d rows differ from the catalog's %d products at its prices", c.site, len(got), len(want))
		}
		if len(got) != 15+300 || onRequest == 0 {
			t.Errorf("%s: %d rows, %d on request; want 315 with some on request", c.site, len(got), onRequest)
		}

		// The JSON pages hold the same rows.
		var paged []string
		next := "/v1/sites/" + c.site + "/price-file?format=json&limit=40"
		for pages := 0; next != ""; pages++ {
			if pages > 20 {
				t.Fatal("the JSON pages do not end")
			}
			r := a.Do("GET", next, tokenFor(a, c.who), nil)
			var page struct {
				Currency   string `json:"currency"`
				PriceLevel string `json:"price_level"`
				FileName   string `json:"file_name"`
				Items      []struct {
					PartNumber     string        `json:"part_number"`
					LicenseType    string        `json:"license_type"`
					Price          *models.Money `json:"price"`
					PriceOnRequest bool          `json:"price_on_request"`
				} `json:"items"`
				Next string `json:"next"`
			}
			if r.Status != http.StatusOK {
				t.Fatalf("%s = %d %s", next, r.Status, r.Body)
			}
			swDecode(t, r.Body, &page)
			if page.Currency != c.currency || page.PriceLevel != c.level || page.FileName != name {
				t.Fatalf("page %+v", page)
			}
			for _, it := range page.Items {
				minor := "-"
				if it.Price != nil {
					minor = fmt.Sprint(it.Price.Minor)
				}
				if (it.Price == nil) != it.PriceOnRequest {
					t.Errorf("%s: price %v with price_on_request %v", it.PartNumber, it.Price, it.PriceOnRequest)
				}
				paged = append(paged, it.PartNumber+"|"+it.LicenseType+"|"+minor)
			}
			next = page.Next
		}
		if !slices.Equal(paged, got) {
			t.Errorf("%s: the JSON pages (%d rows) differ from the CSV (%d rows)", c.site, len(paged), len(got))
		}
	}

	for _, q := range []string{"format=xml", "format=json&limit=1001", "format=json&page_token=not-a-part", "page_token=E0R50LL"} {
		refused(t, a, "GET", acmeSite+"/price-file?"+q, alice, nil, http.StatusBadRequest, "validation", "", "")
	}
	// Downloads and media are not enough.
	refused(t, a, "GET", acmeSite+"/price-file", carol, nil, http.StatusForbidden, "forbidden", "", "")
}
