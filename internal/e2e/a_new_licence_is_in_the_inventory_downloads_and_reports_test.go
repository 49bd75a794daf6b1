package e2e_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// Issue 12 end to end: before alice buys MQ licences, site 300001 owns no
// MQ entitlement and erin (Software & services = downloads only) can
// neither see nor link an MQ package. After the order completes, the
// inventory shows the new entitlement with its order and Proof of
// Entitlement, erin's signed link downloads the package (the bytes match
// its published checksum), and bob's order history report (Reporting =
// view) lists the order with its PoE, in JSON and in CSV.
func TestANewLicenceIsInTheInventoryDownloadsAndReports(t *testing.T) {
	t.Parallel()
	w := startWorld(t, nil, testenv.Options{})
	me, downloader, reporter := w.Token(alice), w.Token("erin@acme.example.com"), w.Token(bob)

	var pkg struct {
		ID     int64
		Size   int64
		SHA256 string
	}
	if err := w.Runtime.DB.Raw(`SELECT k.id, k.size_bytes AS size, k.sha256 FROM packages k JOIN products p ON p.id = k.product_id
		WHERE p.part_number = 'E0MQ2LL' ORDER BY k.id LIMIT 1`).Scan(&pkg).Error; err != nil || pkg.ID == 0 {
		t.Fatalf("an MQ package: %+v, %v", pkg, err)
	}
	packagePath := "/v1/sites/300001/downloads/" + itoa(pkg.ID)

	// Not entitled yet: no inventory entry, no package, no link.
	orderCall(t, w, "GET", "/v1/sites/300001/entitlements/E0MQ2LL", me, nil, http.StatusNotFound, nil)
	orderCall(t, w, "GET", packagePath, downloader, nil, http.StatusNotFound, nil)
	orderCall(t, w, "POST", packagePath+"/link", downloader, nil, http.StatusNotFound, nil)

	orderCall(t, w, "POST", "/v1/sites/300001/cart/items", me, map[string]any{"part_number": "D0MQ1LL", "quantity": 100}, http.StatusCreated, nil)
	id := checkoutReady(t, w, me, "300001", "US", card("4242 4242 4242 4242", "123"))
	o := waitOrder(t, w, me, placeOrder(t, w, me, "300001", id, "issue-12-e2e", http.StatusCreated).Reference, "completed")
	if len(o.Documents) != 1 {
		t.Fatalf("order documents: %v", o.Documents)
	}

	// The inventory: 100 MQ licences from this order and its PoE, covered
	// (active, or expiring when the anniversary is near).
	var ent struct {
		PartNumber     string  `json:"part_number"`
		Quantity       int64   `json:"quantity"`
		Status         string  `json:"status"`
		OrderReference *string `json:"order_reference"`
		PoENumber      *string `json:"poe_number"`
	}
	orderCall(t, w, "GET", "/v1/sites/300001/entitlements/E0MQ2LL", me, nil, http.StatusOK, &ent)
	if ent.Quantity != 100 || ent.Status == "lapsed" || ent.OrderReference == nil || *ent.OrderReference != o.Reference ||
		ent.PoENumber == nil || *ent.PoENumber != o.Documents[0] {
		t.Fatalf("MQ entitlement after the order: %+v (order %s, PoE %v)", ent, o.Reference, o.Documents)
	}

	// A signed link for erin downloads the package.
	var link struct {
		URL string `json:"url"`
	}
	orderCall(t, w, "POST", packagePath+"/link", downloader, nil, http.StatusOK, &link)
	got := w.Do("GET", link.URL, downloader, nil)
	if got.Status != http.StatusOK || int64(len(got.Body)) != pkg.Size {
		t.Fatalf("download = %d, %d bytes (want %d): %.200s", got.Status, len(got.Body), pkg.Size, got.Body)
	}
	if sum := sha256.Sum256(got.Body); hex.EncodeToString(sum[:]) != pkg.SHA256 {
		t.Fatalf("downloaded bytes do not match the package's checksum")
	}

	// The order history report lists the order with its PoE.
	var report struct {
		Orders []struct {
			Reference string  `json:"reference"`
			PoENumber *string `json:"poe_number"`
		} `json:"orders"`
	}
	orderCall(t, w, "GET", "/v1/sites/300001/reports/orders", reporter, nil, http.StatusOK, &report)
	found := false
	for _, r := range report.Orders {
		found = found || (r.Reference == o.Reference && r.PoENumber != nil && *r.PoENumber == o.Documents[0])
	}
	if !found {
		t.Fatalf("order report does not list %s with %s: %+v", o.Reference, o.Documents[0], report.Orders)
	}
	file := w.Do("GET", "/v1/sites/300001/reports/orders?format=csv", reporter, nil)
	rows, err := csv.NewReader(bytes.NewReader(file.Body)).ReadAll()
	if file.Status != http.StatusOK || err != nil {
		t.Fatalf("order report CSV = %d, %v", file.Status, err)
	}
	inCSV := false
	for _, row := range rows[1:] {
		hasRef, hasPoE := false, false
		for _, cell := range row {
			hasRef = hasRef || cell == o.Reference
			hasPoE = hasPoE || cell == o.Documents[0]
		}
		inCSV = inCSV || (hasRef && hasPoE)
	}
	if !inCSV {
		t.Fatalf("order report CSV has no row with %s and %s: %v", o.Reference, o.Documents[0], rows)
	}
}
