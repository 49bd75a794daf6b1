package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// The Software & services tests (issue 12 items 2 and 3) on the demo
// dataset: 300001 (Acme Austin, USD, level E) holds coverage of Db2
// (E0R50LL), QRadar (E0VJ6LL), Cloud Pak for Business Automation
// (E0TP9LL) and SPSS (E0N7MLL); 300002 (Frankfurt, EUR) of MQ (E0MQ2LL)
// and WebSphere (E0WS1LL); 300302 of nothing. carol is 300001's media
// delivery contact; 300002 has none.

// dlItem is a package as the downloads routes show it.
type dlItem struct {
	ID            int64  `json:"id"`
	PartNumber    string `json:"part_number"`
	Product       string `json:"product"`
	Version       string `json:"version"`
	Platform      string `json:"platform"`
	PlatformTitle string `json:"platform_title"`
	FileName      string `json:"file_name"`
	SizeBytes     int64  `json:"size_bytes"`
	SHA256        string `json:"sha256"`
	ReleasedOn    string `json:"released_on"`
	SSEnd         string `json:"ss_end_date"`
	SSCurrent     bool   `json:"ss_current"`
	Links         struct {
		Self string `json:"self"`
		Link string `json:"link"`
	} `json:"links"`
}

type dlPage struct {
	SiteNumber    string   `json:"site_number"`
	Packages      []dlItem `json:"packages"`
	NextPageToken string   `json:"next_page_token"`
	Next          string   `json:"next"`
}

// swAllDownloads follows the pages of path (a downloads list) as who.
func swAllDownloads(t *testing.T, a *testenv.App, who, path string) []dlItem {
	t.Helper()
	var out []dlItem
	for pages := 0; path != ""; pages++ {
		if pages > 50 {
			t.Fatalf("the pages of %s do not end", path)
		}
		r := a.Do("GET", path, tokenFor(a, who), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s as %s = %d: %s", path, who, r.Status, r.Body)
		}
		var p dlPage
		r.JSON(t, &p)
		out = append(out, p.Packages...)
		if (p.Next == "") != (p.NextPageToken == "") {
			t.Fatalf("next %q and next_page_token %q disagree", p.Next, p.NextPageToken)
		}
		path = p.Next
	}
	return out
}

// dlLink is what POST …/link answers.
type dlLink struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
	Package   dlItem    `json:"package"`
}

// swLinkFor asks for a download link of pkg (id or file name) on site as who.
func swLinkFor(t *testing.T, a *testenv.App, who, site, pkg string) dlLink {
	t.Helper()
	r := a.Do("POST", "/v1/sites/"+site+"/downloads/"+pkg+"/link", tokenFor(a, who), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("POST link of %s on %s as %s = %d: %s", pkg, site, who, r.Status, r.Body)
	}
	var l dlLink
	r.JSON(t, &l)
	if !strings.HasPrefix(l.URL, "/v1/sites/"+site+"/downloads/") || l.ExpiresAt.IsZero() {
		t.Fatalf("link %+v", l)
	}
	return l
}

// swWithQuery replaces (or adds) query parameters of a link.
func swWithQuery(t *testing.T, link string, kv ...string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// swSiteID is the id of the site with number.
func swSiteID(t *testing.T, a *testenv.App, number string) int64 {
	t.Helper()
	var s models.Site
	if err := a.Runtime.DB.Where("site_number = ?", number).Take(&s).Error; err != nil {
		t.Fatalf("site %s: %v", number, err)
	}
	return s.ID
}

// swSetCoverageEnd moves the end of site's coverage of part to end.
func swSetCoverageEnd(t *testing.T, a *testenv.App, site, part string, end time.Time) {
	t.Helper()
	res := a.Runtime.DB.Exec(`UPDATE coverages SET end_date = ? WHERE site_id = (SELECT id FROM sites WHERE site_number = ?)
		AND product_id = (SELECT id FROM products WHERE part_number = ?)`, end, site, part)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("move coverage of %s on %s: %v (%d rows)", part, site, res.Error, res.RowsAffected)
	}
}

// swAuditCount counts the audit rows of action.
func swAuditCount(t *testing.T, a *testenv.App, action string) int64 {
	t.Helper()
	var n int64
	if err := a.Runtime.DB.Model(&models.AuditEntry{}).Where("action = ?", action).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// swParts lists the distinct part numbers of items, in order of appearance.
func swParts(items []dlItem) []string {
	var out []string
	for _, it := range items {
		if len(out) == 0 || out[len(out)-1] != it.PartNumber {
			out = append(out, it.PartNumber)
		}
	}
	return out
}

// swDecode decodes a JSON body or fails.
func swDecode(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}
