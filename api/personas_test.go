package api_test

import "github.com/pao/pao/internal/testenv"

// Demo personas (internal/seed).
const (
	alice = "alice@acme.example.com" // Primary of 300001
	bob   = "bob@acme.example.com"   // administrative + renewal of 300001
	carol = "carol@acme.example.com" // STC + media of 300001 (covered)
	dave  = "dave@acme.example.com"  // secondary of 300001
	grace = "grace@acme.example.com" // secondary, manage_access=update, not Primary
	henry = "henry@acme.example.com" // billing of 300001
	erin  = "erin@acme.example.com"  // plain user of 300001
	heidi = "heidi@acme.example.com" // Primary of 300002 only
	budi  = "budi@nusantara.example.com"
	solo  = "solo@brightwell.example.com" // only contact of 300302 (no coverage)
	frank = "frank@newcomer.example.com"  // no access anywhere
	ops   = "ops@ibm.example.com"         // token role ibm-ops

	acmeSite = "/v1/sites/300001"
)

// tokenFor mints a token for a demo persona, with ops's staff role.
func tokenFor(a *testenv.App, email string) string {
	if email == ops {
		return a.Token(email, "ibm-ops")
	}
	return a.Token(email)
}
