package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// Removing the technical role from someone who does not hold it is a 404
// (there is no such contact), whether or not the site is covered: it must
// not claim that the site would be left without its STC (A3), and it
// leaves the STC in place.
func TestRemovingATechnicalRoleNotHeldIsA404NotA3(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	for _, c := range []struct{ site, who, as string }{
		{"/v1/sites/300302", frank, solo},               // uncovered site, no STC at all
		{acmeSite, "nobody@nowhere.example.com", alice}, // covered site, unknown user
		{acmeSite, erin, alice},                         // covered site, user who is not the STC
		{acmeSite, dave, alice},                         // covered site, another contact
		{"/v1/sites/300002", bob, heidi},                // covered additional site, its administrative contact
		{"/v1/sites/300002", erin, heidi},               // a user of the other site
	} {
		p := refused(t, a, "DELETE", c.site+"/contacts/technical/"+c.who, c.as, nil, http.StatusNotFound, "not-found", "", "")
		if p.Rule != "" || strings.Contains(p.Detail, "coverage") || strings.Contains(p.Detail, "S&S") {
			t.Errorf("DELETE technical/%s on %s: %+v, want a plain 404 that says nothing of A3", c.who, c.site, p)
		}
	}
	for site, as := range map[string]string{"300001": alice, "300002": heidi} {
		if h := holders(t, a, site, as); len(h["technical"]) != 1 || h["technical"][0] != carol {
			t.Errorf("%s technical = %v, want carol", site, h["technical"])
		}
	}
}
