package api_test

import (
	"net/http"
	"reflect"
	"testing"
)

// A3: a site with current S&S coverage keeps its STC.
func TestTechnicalContactKeptWhileCovered(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)

	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+carol, alice, nil, http.StatusConflict, "conflict", "A3", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, http.StatusConflict, "conflict", "A3", "")
	// Same on the additional site (carol is its STC too, and it is covered).
	refused(t, a, "DELETE", "/v1/sites/300002/contacts/technical/"+carol, heidi, nil, http.StatusConflict, "conflict", "A3", "")

	// Moving the role is allowed.
	_, e := changes(t, a, "PUT", acmeSite+"/contacts/technical", alice, contact(dave), http.StatusOK)
	if e.Action != "contact.assign" || e.ObjectID != "technical" {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"site_number": "300001", "role": "technical", "holders": []string{carol}})
	jsonEq(t, "after", e.After, map[string]any{"site_number": "300001", "role": "technical", "holders": []string{dave}})
	h := holders(t, a, "300001", alice)
	if !reflect.DeepEqual(h["technical"], []string{dave}) || !reflect.DeepEqual(h["media"], []string{carol}) {
		t.Fatalf("contacts after moving the STC: %v", h)
	}
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+dave, alice, nil, http.StatusConflict, "conflict", "A3", "")
	// carol is no longer the STC: her access can now be revoked.
	changes(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, http.StatusNoContent)

	// A site without coverage may be left without an STC.
	const tech = "tech@brightwell.example.com"
	changes(t, a, "PUT", "/v1/sites/300302/contacts/technical", solo, contact(tech), http.StatusOK)
	if h := holders(t, a, "300302", solo); !reflect.DeepEqual(h["technical"], []string{tech}) {
		t.Fatalf("300302 contacts: %v", h)
	}
	_, e = changes(t, a, "DELETE", "/v1/sites/300302/contacts/technical/"+tech, solo, nil, http.StatusOK)
	if e.Action != "contact.remove" {
		t.Errorf("audit row %+v", e)
	}
	if h := holders(t, a, "300302", solo); len(h["technical"]) != 0 {
		t.Fatalf("300302 still has an STC: %v", h)
	}
	// The STC of an uncovered site can also lose their access altogether.
	changes(t, a, "PUT", "/v1/sites/300302/contacts/technical", solo, contact(tech), http.StatusOK)
	changes(t, a, "DELETE", "/v1/sites/300302/users/"+tech, solo, nil, http.StatusNoContent)
}
