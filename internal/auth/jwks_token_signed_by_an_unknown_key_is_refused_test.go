package auth_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/auth/jwkstest"
)

// TestJWKSTokenSignedByAnUnknownKeyIsRefused: a token signed by a key the
// provider does not publish is refused, whether it names an unknown kid
// (after a fetch that does not find it) or claims a published key's kid.
func TestJWKSTokenSignedByAnUnknownKeyIsRefused(t *testing.T) {
	published := jwkstest.NewKey(t, "k1", 0)
	stranger := jwkstest.NewKey(t, "k-stranger", 0)
	tk := jwksTokens(t, jwkstest.NewServer(t, published), time.Minute, time.Minute)
	claims := jwkstest.Claims("alice@example.com", issuer, audience)

	mustRefuse(t, tk, jwkstest.Sign(t, stranger, claims))
	impostor := stranger
	impostor.ID = published.ID
	mustRefuse(t, tk, jwkstest.Sign(t, impostor, claims))
	noKid := stranger
	noKid.ID = ""
	mustRefuse(t, tk, jwkstest.Sign(t, noKid, claims))
	// The published key still works: the refusals were about the keys.
	mustVerify(t, tk, jwkstest.Sign(t, published, claims), "alice@example.com")
}
