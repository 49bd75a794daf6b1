package api_test

import "testing"

// Removing the technical role from someone who does not hold it is the
// A2 "does not hold" refusal (422), whether or not the site is covered;
// it must not claim that the site would be left without its STC.
func TestRemovingATechnicalRoleNotHeld(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	// Uncovered site: 422.
	refused(t, a, "DELETE", "/v1/sites/300302/contacts/technical/"+frank, solo, nil, 422, "rule-violation", "A2", "")
	// Covered site, unknown user: 422.
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/nobody@nowhere.example.com", alice, nil, 422, "rule-violation", "A2", "")
	// Covered site, known user who is not the STC: must be 422 too.
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+erin, alice, nil, 422, "rule-violation", "A2", "")
}
