package api_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/models"
)

// TestSoftwareDownloadLinkServesTheFileAndAuditsEachDownload: a user with
// downloads only asks for a link to an entitled package (by its file name
// here) and gets one that lives PAO_DOWNLOAD_LINK_TTL; following it
// streams the file as an attachment: exactly the package's size, its
// SHA-256 the published one (and in Repr-Digest). Each download writes
// its own audit row naming the package, the site and the downloader;
// asking for the link writes none. Without the link's parameters the same
// path answers the package as JSON.
func TestSoftwareDownloadLinkServesTheFileAndAuditsEachDownload(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	const file = "db2-aese-12.1.1-linux-x86_64.tar.gz"

	before := time.Now()
	l := swLinkFor(t, a, erin, "300001", file)
	if ttl := l.ExpiresAt.Sub(before); ttl < 14*time.Minute || ttl > 15*time.Minute+time.Second {
		t.Errorf("link expires in %s, want the default 15m", ttl)
	}
	if l.Package.FileName != file || !strings.Contains(l.URL, "/downloads/"+strconv.FormatInt(l.Package.ID, 10)+"?") ||
		!strings.Contains(l.URL, "signature=") || !strings.Contains(l.URL, "expires="+strconv.FormatInt(l.ExpiresAt.Unix(), 10)) {
		t.Fatalf("link %+v", l)
	}
	if n := swAuditCount(t, a, "software.download"); n != 0 {
		t.Fatalf("asking for a link wrote %d download audit rows", n)
	}

	for i := 1; i <= 2; i++ {
		r := a.Do("GET", l.URL, tokenFor(a, erin), nil)
		if r.Status != http.StatusOK {
			t.Fatalf("download %d = %d: %.300s", i, r.Status, r.Body)
		}
		sum := sha256.Sum256(r.Body)
		if int64(len(r.Body)) != l.Package.SizeBytes || hex.EncodeToString(sum[:]) != l.Package.SHA256 {
			t.Errorf("download %d: %d bytes with sha256 %x, want %d bytes with %s", i, len(r.Body), sum, l.Package.SizeBytes, l.Package.SHA256)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename=`+file && cd != `attachment; filename="`+file+`"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		if ct, rd := r.Header.Get("Content-Type"), r.Header.Get("Repr-Digest"); ct != "application/octet-stream" ||
			rd != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" {
			t.Errorf("Content-Type %q, Repr-Digest %q", ct, rd)
		}
		if n := swAuditCount(t, a, "software.download"); n != int64(i) {
			t.Fatalf("after download %d: %d audit rows", i, n)
		}
	}
	var e models.AuditEntry
	if err := a.Runtime.DB.Where("action = ?", "software.download").Order("id DESC").Take(&e).Error; err != nil {
		t.Fatal(err)
	}
	if e.Actor != erin || e.SiteID == nil || *e.SiteID != swSiteID(t, a, "300001") || e.ObjectType != "package" ||
		e.ObjectID != strconv.FormatInt(l.Package.ID, 10) || !strings.Contains(string(e.After), file) || e.RequestID == "" {
		t.Errorf("audit row %+v after %s", e, e.After)
	}

	r := a.Do("GET", "/v1/sites/300001/downloads/"+strconv.FormatInt(l.Package.ID, 10), tokenFor(a, erin), nil)
	var d dlItem
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("the package without a link = %d %q", r.Status, r.Header.Get("Content-Type"))
	}
	swDecode(t, r.Body, &d)
	if d.FileName != file || d.SHA256 != l.Package.SHA256 {
		t.Errorf("the package = %+v", d)
	}
}
