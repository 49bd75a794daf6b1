package api_test

import (
	"net/http"
	"reflect"
	"testing"
)

// TestRevokingAccessEndsItAtOnce: a revoked user's still valid token stops
// working for the site on the next request, and their contact roles go with
// the access; the Primary (A4) and a covered site's STC (A3) cannot be
// revoked, and a delegate cannot revoke someone holding manage access or
// contact update (B2).
func TestRevokingAccessEndsItAtOnce(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	erinToken := a.Token(erin)

	ok(t, a.Do("GET", acmeSite, erinToken, nil), http.StatusOK)
	_, e := changes(t, a, "DELETE", acmeSite+"/users/"+erin, alice, nil, http.StatusNoContent)
	if e.Action != "access.revoke" || e.ObjectID != erin {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"roles": []string{}, "privileges": map[string]string{
		"software": "downloads", "reporting": "none", "entitlements": "none", "manage_access": "none",
		"contact_update": "none", "documents": "none"}})
	// The same, still valid token stops working for the site at once.
	r := a.Do("GET", acmeSite, erinToken, nil)
	assertProblem(t, r, http.StatusNotFound, "not-found")
	if m := me(t, a, erin); len(m.Sites) != 0 {
		t.Errorf("erin still lists sites: %+v", m.Sites)
	}
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, erin, nil, 404, "not-found", "", "")

	refused(t, a, "DELETE", acmeSite+"/users/"+alice, alice, nil, 409, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+alice, grace, nil, 409, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, 409, "conflict", "A3", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+frank, alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+erin, alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/nobody@nowhere.example.com", alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+heidi, alice, nil, 404, "not-found", "", "") // heidi is on 300002 only
	refused(t, a, "DELETE", acmeSite+"/users/not-an-email", alice, nil, 400, "validation", "", "user")
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, dave, nil, 403, "forbidden", "", "")

	// grace (not Primary) cannot revoke someone holding manage access or
	// contact update, herself included.
	changes(t, a, "PUT", acmeSite+"/users/"+dave+"/privileges", alice,
		privs("software", "downloads", "reporting", "view", "entitlements", "view", "contact_update", "view"), http.StatusOK)
	refused(t, a, "DELETE", acmeSite+"/users/"+dave, grace, nil, 403, "forbidden", "B2", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+grace, grace, nil, 403, "forbidden", "B2", "")
	// grace has no contact_update: she cannot strip henry's billing role by
	// revoking him; the Primary can, and the role goes too.
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, grace, nil, 403, "forbidden", "B2", "")
	_, e = changes(t, a, "DELETE", acmeSite+"/users/"+henry, alice, nil, http.StatusNoContent)
	jsonEq(t, "before.roles", mustField(t, e.Before, "roles"), []string{"billing"})
	if h := holders(t, a, "300001", alice); len(h["billing"]) != 0 {
		t.Errorf("henry is still billing contact: %v", h)
	}
	// The Primary may revoke dave.
	changes(t, a, "DELETE", acmeSite+"/users/"+dave, alice, nil, http.StatusNoContent)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{grace}) {
		t.Errorf("secondaries after revoking dave: %v", h["secondary"])
	}
}
