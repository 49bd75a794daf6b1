package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

// TestSoftwareLapsedCoverageKeepsTheVersionsReleasedWhileCovered: once a
// site's S&S coverage of a product has lapsed, it keeps the versions
// released up to the coverage's last day (listed with ss_current false,
// linked and shipped as before) and loses the later ones (not listed, no
// link, no media: they do not exist for the site).
func TestSoftwareLapsedCoverageKeepsTheVersionsReleasedWhileCovered(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	// Db2's 12.1.1 came out 60 days ago, 12.1.0 300 days ago, 11.5.9 720.
	swSetCoverageEnd(t, a, "300001", "E0R50LL", time.Now().AddDate(0, 0, -100))

	items := swAllDownloads(t, a, erin, acmeSite+"/downloads?product=E0R50LL")
	var versions []string
	for _, it := range items {
		if it.SSCurrent {
			t.Errorf("%s is listed with current S&S", it.FileName)
		}
		if !slices.Contains(versions, it.Version) {
			versions = append(versions, it.Version)
		}
	}
	if !slices.Equal(versions, []string{"12.1.0", "11.5.9"}) || len(items) != 6 {
		t.Fatalf("lapsed Db2 lists versions %v in %d packages, want 12.1.0 and 11.5.9 in 6", versions, len(items))
	}
	// The other products of the site are untouched.
	if all := swAllDownloads(t, a, erin, acmeSite+"/downloads"); len(all) != 20-2 {
		t.Errorf("the site lists %d packages, want 18", len(all))
	}

	swLinkFor(t, a, erin, "300001", "db2-aese-12.1.0-linux-x86_64.tar.gz")
	refused(t, a, "POST", acmeSite+"/downloads/db2-aese-12.1.1-linux-x86_64.tar.gz/link", erin, nil, http.StatusNotFound, "not-found", "", "")
	refused(t, a, "GET", acmeSite+"/downloads/db2-aese-12.1.1-linux-x86_64.tar.gz", erin, nil, http.StatusNotFound, "not-found", "", "")

	media := func(version string) map[string]any {
		return map[string]any{"part_number": "E0R50LL", "version": version, "platform": "linux-x86_64"}
	}
	refused(t, a, "POST", acmeSite+"/media-requests", carol, media("12.1.1"), http.StatusBadRequest, "validation", "", "version")
	if r := a.Do("POST", acmeSite+"/media-requests", tokenFor(a, carol), media("12.1.0")); r.Status != http.StatusCreated {
		t.Errorf("media of 12.1.0 = %d: %s", r.Status, r.Body)
	}
}
