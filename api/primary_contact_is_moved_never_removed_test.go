package api_test

import (
	"net/http"
	"reflect"
	"testing"
)

// A4: the Primary Contact is moved, never removed. (Deleting the primary
// role of someone who is not the Primary is a 404, in
// deleting_a_role_not_held_is_a_404_naming_nothing_internal_test.go.)
func TestPrimaryContactIsMovedNeverRemoved(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)

	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+alice, alice, nil, http.StatusConflict, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+alice, alice, nil, http.StatusConflict, "conflict", "A4", "")
	// grace holds contact update at view only.
	refused(t, a, "PUT", acmeSite+"/contacts/primary", grace, contact(grace), http.StatusForbidden, "forbidden", "", "")

	_, e := changes(t, a, "PUT", acmeSite+"/contacts/primary", alice, contact(bob), http.StatusOK)
	if e.Action != "contact.move_primary" || e.ObjectType != "site_contact" || e.ObjectID != "primary" {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"site_number": "300001", "role": "primary", "holders": []string{alice}})
	jsonEq(t, "after", e.After, map[string]any{"site_number": "300001", "role": "primary", "holders": []string{bob}})

	h := holders(t, a, "300001", bob)
	if !reflect.DeepEqual(h["primary"], []string{bob}) {
		t.Fatalf("primary holders after the move = %v, want [bob]", h["primary"])
	}
	if s := getSite(t, a, "300001", alice); s.You.Primary {
		t.Error("alice is still Primary after the move")
	}
	if s := getSite(t, a, "300001", bob); !s.You.Primary || s.You.Privileges["account_management"] != "held" {
		t.Errorf("bob after the move: %+v", s.You)
	}
	// The move is in the audit listing, newest first.
	r := a.Do("GET", acmeSite+"/audit", a.Token(bob), nil)
	ok(t, r, http.StatusOK)
	var audit struct {
		Entries []struct {
			Actor  string `json:"actor"`
			Action string `json:"action"`
		} `json:"entries"`
	}
	r.JSON(t, &audit)
	if len(audit.Entries) == 0 || audit.Entries[0].Action != "contact.move_primary" || audit.Entries[0].Actor != alice {
		t.Errorf("audit listing = %s", r.Body)
	}

	// The new Primary cannot be removed either, even by himself; the
	// former one no longer holds the role.
	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+bob, bob, nil, http.StatusConflict, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+alice, bob, nil, http.StatusNotFound, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+bob, bob, nil, http.StatusConflict, "conflict", "A4", "")
}
