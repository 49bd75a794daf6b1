package api_test

import (
	"net/http"
	"testing"
)

// Account management is held by the Primary Contact (B1.4, B2): when the
// role moves, so does account management. The former Primary keeps access
// to the site but not manage access or contact update at update, which
// nobody granted them.
func TestMovingThePrimaryMovesAccountManagement(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	changes(t, a, "PUT", acmeSite+"/contacts/primary", alice, contact(bob), http.StatusOK)
	s := getSite(t, a, "300001", alice)
	if s.You.Primary || s.You.Privileges["account_management"] == "held" {
		t.Fatalf("alice after the move: %+v", s.You)
	}
	if s.You.Privileges["manage_access"] == "update" || s.You.Privileges["contact_update"] == "update" {
		t.Errorf("the former Primary still holds account management: manage_access=%s contact_update=%s",
			s.You.Privileges["manage_access"], s.You.Privileges["contact_update"])
	}
	// So she cannot take the role back on her own.
	r := a.Do("PUT", acmeSite+"/contacts/primary", a.Token(alice), contact(alice))
	if r.Status != http.StatusForbidden {
		t.Errorf("the former Primary takes the role back: %d %s", r.Status, r.Body)
	}
}
