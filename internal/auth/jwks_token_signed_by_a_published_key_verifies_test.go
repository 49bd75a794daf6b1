package auth_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/auth/jwkstest"
)

// TestJWKSTokenSignedByAPublishedKeyVerifies: an RS256 token signed by a
// key of the provider's set verifies, with the subject lower-cased, the
// known roles kept, and trust bounded by the refresh interval.
func TestJWKSTokenSignedByAPublishedKeyVerifies(t *testing.T) {
	k := jwkstest.NewKey(t, "k1", 0)
	srv := jwkstest.NewServer(t, k)
	tk := jwksTokens(t, srv, time.Minute, time.Minute)
	if tk.Mode() != "jwks" {
		t.Errorf("Mode = %q", tk.Mode())
	}

	p := mustVerify(t, tk, jwkstest.Sign(t, k, jwkstest.Claims("Alice@Example.com", issuer, audience, auth.RoleIBMOps, "root")), "alice@example.com")
	if !slices.Equal(p.Roles, []string{auth.RoleIBMOps}) {
		t.Errorf("Roles = %v, want [ibm-ops]", p.Roles)
	}
	if until := time.Until(p.Expires); until > time.Minute || until <= 0 {
		t.Errorf("trusted for %v, want at most the refresh interval (1m)", until)
	}
	// A token without a kid is tried against every key of the set.
	noKid := k
	noKid.ID = ""
	mustVerify(t, tk, jwkstest.Sign(t, noKid, jwkstest.Claims("bob@example.com", issuer, audience)), "bob@example.com")
}

// TestJWKSTokenClaimsAreStillChecked: with a published key, the issuer,
// audience and expiry are checked as in HS256 mode.
func TestJWKSTokenClaimsAreStillChecked(t *testing.T) {
	k := jwkstest.NewKey(t, "k1", 0)
	tk := jwksTokens(t, jwkstest.NewServer(t, k), time.Minute, time.Minute)
	for name, mod := range map[string]func(c map[string]any){
		"wrong issuer":   func(c map[string]any) { c["iss"] = "someone-else" },
		"wrong audience": func(c map[string]any) { c["aud"] = "other-api" },
		"expired":        func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() },
		"no expiry":      func(c map[string]any) { delete(c, "exp") },
		"not an email":   func(c map[string]any) { c["sub"] = "Alice <alice@example.com>" },
	} {
		t.Run(name, func(t *testing.T) {
			c := jwkstest.Claims("alice@example.com", issuer, audience)
			mod(c)
			mustRefuse(t, tk, jwkstest.Sign(t, k, c))
		})
	}
}

// TestJWKSModeCannotMint: tokens come from the identity provider.
func TestJWKSModeCannotMint(t *testing.T) {
	tk := jwksTokens(t, jwkstest.NewServer(t, jwkstest.NewKey(t, "k1", 0)), time.Minute, time.Minute)
	if tok, err := tk.Mint("alice@example.com", nil, time.Now()); err == nil || tok != "" {
		t.Fatalf("Mint = %q, %v; want ErrNoMinting", tok, err)
	}
}
