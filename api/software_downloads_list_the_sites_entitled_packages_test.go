package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSoftwareDownloadsListTheSitesEntitledPackages: the downloads list
// of a site is every package of the products it holds S&S coverage of and
// nothing else (another site's products are not there), by part number
// and newest release first, each with its size, checksum, coverage end
// and paths; a product (any of its part numbers) and a platform narrow
// it; its pages hold every package once; a site without coverage has
// none.
func TestSoftwareDownloadsListTheSitesEntitledPackages(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)

	acme := swAllDownloads(t, a, erin, acmeSite+"/downloads") // erin: downloads only
	if got, want := swParts(acme), []string{"E0N7MLL", "E0R50LL", "E0TP9LL", "E0VJ6LL"}; !slices.Equal(got, want) {
		t.Fatalf("300001 lists the products %v, want %v", got, want)
	}
	if len(acme) != 5+8+5+2 {
		t.Errorf("300001 lists %d packages, want 20", len(acme))
	}
	for i, it := range acme {
		if it.FileName == "" || it.SizeBytes <= 0 || len(it.SHA256) != 64 || !it.SSCurrent || it.SSEnd == "" ||
			it.Links.Self != acmeSite+"/downloads/"+strconv.FormatInt(it.ID, 10) || it.Links.Link != it.Links.Self+"/link" || it.PlatformTitle == "" {
			t.Errorf("package %+v", it)
		}
		if i > 0 && acme[i-1].PartNumber == it.PartNumber && acme[i-1].ReleasedOn < it.ReleasedOn {
			t.Errorf("%s comes after the older %s", it.FileName, acme[i-1].FileName)
		}
	}
	if db2 := acme[5]; db2.Product != "IBM Db2 Advanced Edition Virtual Processor Core" || db2.Version != "12.1.1" {
		t.Errorf("the first Db2 package is %+v, want the newest, named by product", db2)
	}

	frankfurt := swAllDownloads(t, a, heidi, "/v1/sites/300002/downloads")
	if got, want := swParts(frankfurt), []string{"E0MQ2LL", "E0WS1LL"}; !slices.Equal(got, want) {
		t.Errorf("300002 lists the products %v, want %v", got, want)
	}

	// The licence part names the same product; a platform narrows it.
	db2 := swAllDownloads(t, a, erin, acmeSite+"/downloads?product=D0R4ZLL")
	aix := swAllDownloads(t, a, erin, acmeSite+"/downloads?product=E0R50LL&platform=aix-ppc64")
	if len(db2) != 8 || swParts(db2)[0] != "E0R50LL" || len(aix) != 2 || aix[0].Platform != "aix-ppc64" || aix[1].Platform != "aix-ppc64" {
		t.Errorf("Db2 by its licence part: %d packages; on AIX: %+v", len(db2), aix)
	}
	if none := swAllDownloads(t, a, erin, acmeSite+"/downloads?product=E0MQ2LL"); len(none) != 0 {
		t.Errorf("MQ, which 300001 does not hold, lists %d packages", len(none))
	}

	// Pages of three hold every package once, in the same order.
	paged := swAllDownloads(t, a, erin, acmeSite+"/downloads?limit=3")
	if len(paged) != len(acme) {
		t.Fatalf("pages of 3 hold %d packages, want %d", len(paged), len(acme))
	}
	for i := range paged {
		if paged[i].ID != acme[i].ID {
			t.Fatalf("page order differs at %d: %s vs %s", i, paged[i].FileName, acme[i].FileName)
		}
	}

	if none := swAllDownloads(t, a, solo, "/v1/sites/300302/downloads"); len(none) != 0 {
		t.Errorf("300302, without coverage, lists %d packages", len(none))
	}

	for _, q := range []string{"limit=0", "limit=201", "platform=beos", "product=NOSUCH1", "page_token=zzz", "limit=1&limit=2"} {
		field, _, _ := strings.Cut(q, "=")
		refused(t, a, "GET", acmeSite+"/downloads?"+q, erin, nil, http.StatusBadRequest, "validation", "", field)
	}
}
