package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The helpers of the report tests (issue 12 item 4): a report read page
// by page as JSON, the same report as CSV parsed back with encoding/csv,
// and fixture orders of each kind.

// reportPage is a page of a report as the tests read it.
type reportPage struct {
	Report    string `json:"report"`
	Scope     string `json:"scope"`
	Agreement string `json:"agreement_number"`
	Sites     []struct {
		Number string `json:"site_number"`
		Name   string `json:"site_name"`
	} `json:"sites"`
	RenewalQuotes []map[string]any `json:"renewal_quotes"`
	Orders        []map[string]any `json:"orders"`
	Next          string           `json:"next_page_token"`
}

// rows are the page's rows, whichever report it is.
func (p reportPage) rows() []map[string]any {
	if p.Report == "orders" {
		return p.Orders
	}
	return p.RenewalQuotes
}

// sites are the site numbers the report covers.
func (p reportPage) sites() []string {
	out := make([]string, 0, len(p.Sites))
	for _, s := range p.Sites {
		out = append(out, s.Number)
	}
	return out
}

// withQuery adds parameters to path.
func withQuery(path string, params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	if len(q) == 0 {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + q.Encode()
}

// reportGet reads one page of a report as who; the status must be 200.
func reportGet(t *testing.T, a *testenv.App, path, who string) reportPage {
	t.Helper()
	r := a.Do("GET", path, tokenFor(a, who), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s as %s = %d %s", path, who, r.Status, r.Body)
	}
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber()
	var p reportPage
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, r.Body)
	}
	return p
}

// reportAll follows next_page_token from path (pages of limit rows) and
// returns every row, failing if a page is larger than limit.
func reportAll(t *testing.T, a *testenv.App, path, who string, limit int) (reportPage, []map[string]any) {
	t.Helper()
	first := reportGet(t, a, withQuery(path, "limit", fmt.Sprint(limit)), who)
	all, p := []map[string]any{}, first
	for pages := 0; ; pages++ {
		if len(p.rows()) > limit {
			t.Fatalf("a page of %s has %d rows, limit %d", path, len(p.rows()), limit)
		}
		all = append(all, p.rows()...)
		if p.Next == "" {
			return first, all
		}
		if pages > 1000 {
			t.Fatalf("%s: more than 1000 pages", path)
		}
		p = reportGet(t, a, withQuery(path, "limit", fmt.Sprint(limit), "page_token", p.Next), who)
	}
}

// reportCSV downloads a report as CSV as who (the Accept header when
// accept is set, else format=csv) and parses it back.
func reportCSV(t *testing.T, a *testenv.App, path, who string, accept bool) (header []string, records [][]string, r testenv.Response) {
	t.Helper()
	var h map[string]string
	if accept {
		h = map[string]string{"Accept": "text/csv"}
	} else {
		path = withQuery(path, "format", "csv")
	}
	r = a.DoWithHeaders("GET", path, tokenFor(a, who), nil, h)
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("GET %s as CSV as %s = %d %q: %s", path, who, r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	all, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil || len(all) == 0 {
		t.Fatalf("GET %s: the CSV does not parse (%v): %s", path, err, r.Body)
	}
	return all[0], all[1:], r
}

// jsonCell is a JSON row's value of a CSV column: total_minor and
// currency from total (empty when null), lists joined by spaces, null as
// empty.
func jsonCell(row map[string]any, col string) string {
	switch col {
	case "total_minor", "currency":
		tot, _ := row["total"].(map[string]any)
		if tot == nil {
			return ""
		}
		if col == "currency" {
			return fmt.Sprint(tot["currency"])
		}
		return fmt.Sprint(tot["amount_minor"])
	}
	switch v := row[col].(type) {
	case nil:
		return ""
	case []any:
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = fmt.Sprint(x)
		}
		return strings.Join(s, " ")
	default:
		return fmt.Sprint(v)
	}
}

// assertCSVMatchesJSON checks the CSV has the columns and, row by row in
// order, the values of the JSON rows.
func assertCSVMatchesJSON(t *testing.T, header, columns []string, records [][]string, rows []map[string]any) {
	t.Helper()
	if strings.Join(header, ",") != strings.Join(columns, ",") {
		t.Fatalf("CSV header %v, want %v", header, columns)
	}
	if len(records) != len(rows) {
		t.Fatalf("CSV has %d rows, JSON %d", len(records), len(rows))
	}
	for i, rec := range records {
		for j, col := range columns {
			if want := jsonCell(rows[i], col); rec[j] != want {
				t.Errorf("row %d %s: CSV %q, JSON %q", i+1, col, rec[j], want)
			}
		}
	}
}

// reportOrderOf makes a completed order of site placed at at whose kind
// is kind: its line is changed to an S&S renewal (renewal), or a renewal
// line is added to it (mixed). It returns the reference.
func reportOrderOf(t *testing.T, db *gorm.DB, site string, status models.OrderStatus, kind string, at time.Time) string {
	t.Helper()
	ref, _ := orderFixtureAt(t, db, site, status, at)
	var err error
	switch kind {
	case "renewal":
		err = db.Exec(`UPDATE order_lines SET license_type = 'ss_renewal' WHERE order_id = (SELECT id FROM orders WHERE reference = ?)`, ref).Error
	case "mixed":
		err = db.Exec(`INSERT INTO order_lines (order_id, line_no, kind, product_id, part_number, description, license_type,
			quantity, unit_minor, currency, line_total_minor)
			SELECT order_id, 2, kind, product_id, part_number, description, 'ss_reinstatement', 1, 0, currency, 0
			FROM order_lines WHERE order_id = (SELECT id FROM orders WHERE reference = ?) AND line_no = 1`, ref).Error
	}
	if err != nil {
		t.Fatalf("make %s a %s order: %v", ref, kind, err)
	}
	return ref
}

// refs lists a column of the rows.
func refs(rows []map[string]any, col string) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, fmt.Sprint(r[col]))
	}
	return out
}
