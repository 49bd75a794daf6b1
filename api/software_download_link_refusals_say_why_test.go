package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/models"
)

// TestSoftwareDownloadLinkRefusalsSayWhy: a download link works only as
// issued. An altered signature or expiry, another user's link, a link
// for another package or issued on another site are 403
// download-link-invalid; an expired link 410 download-link-expired; a
// package the site is no longer entitled to 404; a link missing or
// mangling a parameter 400 naming it. None of them downloads anything or
// writes an audit row.
func TestSoftwareDownloadLinkRefusalsSayWhy(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db2 := swLinkFor(t, a, erin, "300001", "db2-aese-12.1.0-linux-x86_64.tar.gz")
	spss := swLinkFor(t, a, erin, "300001", "spss-statistics-30.0.0-windows-x64.zip")
	sig := func(u string) string { _, s, _ := strings.Cut(u, "signature="); return s }
	exp := strconv.FormatInt(db2.ExpiresAt.Unix(), 10)
	flipped := sig(db2.URL)[:63] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(sig(db2.URL), "0")]

	invalid := func(what, who, path string) {
		t.Helper()
		p := refused(t, a, "GET", path, who, nil, http.StatusForbidden, "download-link-invalid", "", "")
		if !strings.Contains(p.Detail, "/link") {
			t.Errorf("%s: the refusal does not say how to get a new link: %s", what, p.Detail)
		}
	}
	invalid("altered signature", erin, swWithQuery(t, db2.URL, "signature", flipped))
	invalid("expiry moved later", erin, swWithQuery(t, db2.URL, "expires", strconv.FormatInt(db2.ExpiresAt.Add(time.Hour).Unix(), 10)))
	invalid("another user's link", dave, db2.URL)
	invalid("another package's link", erin, strings.Replace(db2.URL, "/downloads/"+strconv.FormatInt(db2.Package.ID, 10)+"?",
		"/downloads/"+strconv.FormatInt(spss.Package.ID, 10)+"?", 1))

	// Another site: bob works on 300001 and 300002; 300002 holds Db2 too.
	if err := a.Runtime.DB.Exec(`INSERT INTO coverages (site_id, product_id, quantity, end_date)
		SELECT s.id, p.id, 4, current_date + 30 FROM sites s, products p WHERE s.site_number = '300002' AND p.part_number = 'E0R50LL'`).Error; err != nil {
		t.Fatal(err)
	}
	bobs := swLinkFor(t, a, bob, "300001", strconv.FormatInt(db2.Package.ID, 10))
	invalid("a link of another site", bob, strings.Replace(bobs.URL, "/sites/300001/", "/sites/300002/", 1))

	// An expired link, genuinely signed.
	past := time.Now().Add(-time.Minute).Truncate(time.Second)
	old := models.DownloadLink{PackageID: db2.Package.ID, SiteID: swSiteID(t, a, "300001"), UserID: userID(t, a, erin), Expires: past}
	expired := "/v1/sites/300001/downloads/" + strconv.FormatInt(db2.Package.ID, 10) + "?expires=" +
		strconv.FormatInt(past.Unix(), 10) + "&signature=" + old.Sign([]byte(config.DevDownloadSecret))
	p := refused(t, a, "GET", expired, erin, nil, http.StatusGone, "download-link-expired", "", "")
	if !strings.Contains(p.Detail, "expired") {
		t.Errorf("expired: %s", p.Detail)
	}

	for _, c := range []struct{ path, field string }{
		{swWithQuery(t, db2.URL, "signature", ""), "signature"},
		{swWithQuery(t, db2.URL, "expires", ""), "expires"},
		{swWithQuery(t, db2.URL, "expires", "soon"), "expires"},
		{swWithQuery(t, db2.URL, "signature", strings.ToUpper(sig(db2.URL))), "signature"},
		{swWithQuery(t, db2.URL, "signature", sig(db2.URL)[:40]), "signature"},
		{db2.URL + "&expires=" + exp, "expires"},
	} {
		refused(t, a, "GET", c.path, erin, nil, http.StatusBadRequest, "validation", "", c.field)
	}

	// Too low a level: henry has no software access on 300001.
	refused(t, a, "GET", db2.URL, henry, nil, http.StatusForbidden, "forbidden", "", "")

	// The entitlement is checked again: coverage that ended before the
	// package was released no longer entitles the site to it.
	swSetCoverageEnd(t, a, "300001", "E0R50LL", time.Now().AddDate(-5, 0, 0))
	refused(t, a, "GET", db2.URL, erin, nil, http.StatusNotFound, "not-found", "", "")

	if n := swAuditCount(t, a, "software.download"); n != 0 {
		t.Errorf("refused downloads wrote %d audit rows", n)
	}
	// The untouched link still works.
	if r := a.Do("GET", spss.URL, tokenFor(a, erin), nil); r.Status != http.StatusOK || int64(len(r.Body)) != spss.Package.SizeBytes {
		t.Errorf("the valid link = %d, %d bytes", r.Status, len(r.Body))
	}
}
