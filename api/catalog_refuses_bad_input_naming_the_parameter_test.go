package api_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pao/pao/api"
)

// Bad search parameters are a 400 problem naming the parameter, never a
// 5xx: an unknown licence type, a limit out of range or not an integer, a
// page token that is not one or belongs to another search, free text over
// 200 characters, with control characters or invalid UTF-8, a category
// with control characters, a parameter given twice. Unknown parameters
// are ignored.
func TestCatalogRefusesBadInputNamingTheParameter(t *testing.T) {
	t.Parallel()
	a := startCatalog(t)
	first := getCatalog(t, a, alice, acmeSite+"/catalog?q=websph&limit=2")
	if first.NextPageToken == "" {
		t.Fatal("no page token to misuse")
	}
	forged := base64.RawURLEncoding.EncodeToString([]byte(`{"k":"000000000000","p":"D0R4ZLL"}`))
	for _, c := range []struct{ query, field string }{
		{"license_type=perpetual", "license_type"},
		{"license_type=", ""},
		{"license_type=MEDIA", "license_type"},
		{"license_type=media%00", "license_type"},
		{"limit=0", "limit"},
		{"limit=101", "limit"},
		{"limit=-1", "limit"},
		{"limit=ten", "limit"},
		{"limit=1e400", "limit"},
		{"limit=99999999999999999999999", "limit"},
		{"limit=%00", "limit"},
		{"limit=5&limit=6", "limit"},
		{"page_token=garbage!", "page_token"},
		{"page_token=" + strings.Repeat("A", 400), "page_token"},
		{"page_token=" + forged, "page_token"},
		{"page_token=" + first.NextPageToken, "page_token"}, // without its q
		{"q=webs&page_token=" + first.NextPageToken, "page_token"},
		{"q=websph&category=Security&page_token=" + first.NextPageToken, "page_token"},
		{"q=" + strings.Repeat("a", 201), "q"},
		{"q=" + strings.Repeat("%C3%A9", 201), "q"},
		{"q=web%00sphere", "q"},
		{"q=web%0Asphere", "q"},
		{"q=web%01", "q"},
		{"q=%FF%FE", "q"},
		{"q=" + strings.Repeat("a+", 17), "q"},
		{"q=a&q=b", "q"},
		{"category=Data%09AI", "category"},
		{"category=%C3%28", "category"},
		{"category=" + strings.Repeat("x", 101), "category"},
	} {
		path := acmeSite + "/catalog?" + c.query
		r := a.Do("GET", path, a.Token(alice), nil)
		if c.field == "" {
			if r.Status != http.StatusOK {
				t.Errorf("GET ?%s = %d, want 200: %s", c.query, r.Status, r.Body)
			}
			continue
		}
		var p api.Problem
		if r.Status != http.StatusBadRequest || json.Unmarshal(r.Body, &p) != nil || len(p.Errors) != 1 || p.Errors[0].Field != c.field {
			t.Errorf("GET ?%s = %d %s; want 400 naming %s", clipQuery(c.query), r.Status, r.Body, c.field)
		}
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("GET ?%s: Content-Type %q", clipQuery(c.query), r.Header.Get("Content-Type"))
		}
	}
	// At the bounds, and with parameters the search does not read.
	for _, q := range []string{"limit=1", "limit=100", "q=" + strings.Repeat("a", 200), "q=" + strings.Repeat("a+", 16),
		"as=approver&status=pending&before=1000", "q=" + url.QueryEscape(`'";--\`)} {
		if r := a.Do("GET", acmeSite+"/catalog?"+q, a.Token(alice), nil); r.Status != http.StatusOK {
			t.Errorf("GET ?%s = %d, want 200: %s", clipQuery(q), r.Status, r.Body)
		}
	}
}

func clipQuery(q string) string {
	if len(q) > 60 {
		return q[:60] + "…"
	}
	return q
}
