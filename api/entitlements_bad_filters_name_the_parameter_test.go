package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A bad filter, page size, page token or format is a 400 naming the
// parameter, on the inventory and on the report; unknown parameters are
// ignored.
func TestEntitlementsBadFiltersNameTheParameter(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	inv, rep := acmeSite+"/entitlements", acmeSite+"/reports/entitlements"
	cases := []struct{ path, query, field string }{
		{inv, "status=pending", "status"},
		{inv, "status=active,", "status"},
		{inv, "status=Active", "status"},
		{inv, "ends_before=2027-13-01", "ends_before"},
		{inv, "ends_before=tomorrow", "ends_before"},
		{inv, "q=" + strings.Repeat("x", 101), "q"},
		{inv, "q=a%0Ab", "q"},
		{inv, "q=%FF", "q"},
		{inv, "limit=0", "limit"},
		{inv, "limit=201", "limit"},
		{inv, "limit=1e3", "limit"},
		{inv, "page_token=%21%21", "page_token"},
		{inv, "page_token=" + url.QueryEscape("RTBSNTBMTA=="), "page_token"},
		{inv, "format=xml", "format"},
		{rep, "period=past", "period"},
		{rep, "ends_before=31-01-2027", "ends_before"},
		{rep, "limit=-1", "limit"},
		{rep, "format=pdf", "format"},
		{rep, "scope=agreement", "scope"}, // the other reports widen; this one says it does not
	}
	for _, c := range cases {
		refused(t, a, "GET", c.path+"?"+c.query, alice, nil, http.StatusBadRequest, "validation", "", c.field)
	}
	for _, p := range []string{inv + "?colour=blue&q=Db2", rep + "?status=pending"} {
		if r := a.Do("GET", p, tokenFor(a, alice), nil); r.Status != http.StatusOK {
			t.Errorf("GET %s = %d: %s", p, r.Status, r.Body)
		}
	}
}
