package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestSoftwareMediaRequestOfAProductNotHeldIs404: media of a product the
// site holds no coverage of (another site's product, or no such part) is
// a 404 that says nothing of other sites; a version or platform the
// product does not come in is a 400 naming it with the ones it does; a
// malformed request a 400 naming every bad field; downloads only is 403.
// None of them records a request, queues an email or writes an audit row.
func TestSoftwareMediaRequestOfAProductNotHeldIs404(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	path := acmeSite + "/media-requests"
	req := func(part, version, platform string) map[string]any {
		return map[string]any{"part_number": part, "version": version, "platform": platform}
	}
	outbox := count(t, a.Runtime.DB, "outbox")

	// MQ is 300002's product, not 300001's.
	p := refused(t, a, "POST", path, carol, req("E0MQ2LL", "9.4.2", "linux-x86_64"), http.StatusNotFound, "not-found", "", "")
	if strings.Contains(p.Detail, "300002") {
		t.Errorf("the 404 names the site that holds it: %s", p.Detail)
	}
	refused(t, a, "POST", path, carol, req("ZZZ0000", "1.0", "linux-x86_64"), http.StatusNotFound, "not-found", "", "")
	refused(t, a, "POST", "/v1/sites/300302/media-requests", solo, req("E0MQ2LL", "9.4.2", "linux-x86_64"), http.StatusNotFound, "not-found", "", "")

	p = refused(t, a, "POST", path, carol, req("E0R50LL", "10.5", "linux-x86_64"), http.StatusBadRequest, "validation", "", "version")
	if !strings.Contains(p.Detail, "12.1.1") || !strings.Contains(p.Detail, "11.5.9") {
		t.Errorf("the refusal does not list the versions there are: %s", p.Detail)
	}
	p = refused(t, a, "POST", path, carol, req("E0R50LL", "12.1.1", "windows-x64"), http.StatusBadRequest, "validation", "", "platform")
	if !strings.Contains(p.Detail, "aix-ppc64") || !strings.Contains(p.Detail, "linux-x86_64") {
		t.Errorf("the refusal does not list the platforms there are: %s", p.Detail)
	}

	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{req("e0r50ll", "12.1.1", "linux-x86_64"), "part_number"},
		{req("E0R50LL", "12.1.1", "amiga"), "platform"},
		{req("E0R50LL", "", "linux-x86_64"), "version"},
		{req("E0R50LL", "12.1\n1", "linux-x86_64"), "version"},
		{map[string]any{"part_number": "E0R50LL", "version": "12.1.1", "platform": "linux-x86_64", "note": strings.Repeat("n", 1001)}, "note"},
		{map[string]any{"part_number": "E0R50LL", "version": "12.1.1", "platform": "linux-x86_64", "quantity": 2}, "quantity"},
	} {
		refused(t, a, "POST", path, carol, c.body, http.StatusBadRequest, "validation", "", c.field)
	}

	refused(t, a, "POST", path, erin, req("E0R50LL", "12.1.1", "linux-x86_64"), http.StatusForbidden, "forbidden", "", "")

	if n := count(t, a.Runtime.DB, "media_requests"); n != 0 {
		t.Errorf("%d media requests recorded", n)
	}
	if n := count(t, a.Runtime.DB, "outbox"); n != outbox {
		t.Errorf("%d emails queued", n-outbox)
	}
}
