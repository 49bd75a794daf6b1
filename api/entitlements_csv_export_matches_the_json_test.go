package api_test

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// The CSV download of the inventory, and of the entitlements report, is
// the JSON list parsed back: the same rows in the same order, column for
// column with the JSON fields (an over-deployed entitlement's negative
// "available" included), whether asked with format=csv or Accept:
// text/csv, all of it whatever the page size, as an attachment named for
// the site and the day.
func TestEntitlementsCSVExportMatchesTheJSON(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	addDeployment(t, a, "300001", "E0VJ6LL", alice, "QRadar Austin", 3) // owns 1: over-deployed
	addDeployment(t, a, "300001", "E0R50LL", alice, "Db2 Austin", 6)
	if err := a.Runtime.DB.Exec(`UPDATE coverages SET end_date = CURRENT_DATE - 3 WHERE product_id = (SELECT id FROM products WHERE part_number = 'E0N7MLL')
		AND site_id = (SELECT id FROM sites WHERE site_number = '300001')`).Error; err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		path, file string
		lapsed     bool // lists the lapsed E0N7MLL
	}{
		{acmeSite + "/entitlements", "entitlements-300001-", true},
		{acmeSite + "/entitlements?status=active,expiring", "entitlements-300001-", false},
		{acmeSite + "/reports/entitlements", "entitlements-report-300001-", false},
	} {
		t.Run(c.path, func(t *testing.T) {
			rows := entitlementPages(t, a, c.path, alice, 1)
			if len(rows) < 3 {
				t.Fatalf("%s lists %d entitlements", c.path, len(rows))
			}
			if e, ok := rowOf(rows, "E0VJ6LL"); !ok || !e.OverDeployed || e.Available != -2 || e.Deployed != 3 {
				t.Errorf("%s: E0VJ6LL %+v, want 3 deployed of 1, available -2, over-deployed", c.path, e)
			}
			if _, ok := rowOf(rows, "E0N7MLL"); ok != c.lapsed {
				t.Errorf("%s lists the lapsed E0N7MLL: %v, want %v", c.path, ok, c.lapsed)
			}
			sep := "?"
			if strings.Contains(c.path, "?") {
				sep = "&"
			}
			byFormat := a.Do("GET", c.path+sep+"format=csv&limit=1", tokenFor(a, alice), nil)
			byAccept := a.DoWithHeaders("GET", c.path, tokenFor(a, alice), nil, map[string]string{"Accept": "text/csv"})
			for _, r := range []testenv.Response{byFormat, byAccept} {
				if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
					t.Fatalf("CSV of %s = %d %q: %s", c.path, r.Status, r.Header.Get("Content-Type"), r.Body)
				}
				if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename="+c.file) || !strings.HasSuffix(cd, ".csv") {
					t.Errorf("CSV of %s: Content-Disposition %q", c.path, cd)
				}
				compareCSV(t, r.Body, rows)
			}
		})
	}
}

// compareCSV parses body and compares it with rows, cell by cell.
func compareCSV(t *testing.T, body []byte, rows []entitlementRow) {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, body)
	}
	header := []string{"part_number", "product", "description", "category", "license_type", "quantity", "deployed",
		"available", "over_deployed", "deployment_count", "coverage_start", "coverage_end", "status", "period",
		"order_reference", "poe_number"}
	if len(records) == 0 || !slices.Equal(records[0], header) {
		t.Fatalf("CSV header %v, want %v", records[0], header)
	}
	if len(records)-1 != len(rows) {
		t.Fatalf("CSV has %d rows, the JSON %d", len(records)-1, len(rows))
	}
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	for i, e := range rows {
		want := []string{e.PartNumber, e.Product, e.Description, e.Category, e.LicenseType, strconv.FormatInt(e.Quantity, 10),
			strconv.FormatInt(e.Deployed, 10), strconv.FormatInt(e.Available, 10), strconv.FormatBool(e.OverDeployed),
			strconv.FormatInt(e.DeploymentCount, 10), e.CoverageStart, e.CoverageEnd, e.Status, e.Period,
			opt(e.OrderReference), opt(e.PoENumber)}
		if got := records[i+1]; !slices.Equal(got, want) {
			t.Errorf("CSV row %d:\n got %q\nwant %q", i+1, got, want)
		}
	}
}

// rowOf is the row of part in rows (ok false: none).
func rowOf(rows []entitlementRow, part string) (entitlementRow, bool) {
	for _, e := range rows {
		if e.PartNumber == part {
			return e, true
		}
	}
	return entitlementRow{}, false
}
