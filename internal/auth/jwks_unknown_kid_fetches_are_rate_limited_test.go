package auth_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth/jwkstest"
)

// TestJWKSUnknownKidFetchesAreRateLimited: a flood of tokens naming
// unknown key ids causes one fetch of the set per interval, not one per
// token, and each is refused at once rather than waiting for the limiter.
func TestJWKSUnknownKidFetchesAreRateLimited(t *testing.T) {
	published := jwkstest.NewKey(t, "k1", 0)
	srv := jwkstest.NewServer(t, published)
	tk := jwksTokens(t, srv, time.Hour, time.Hour)
	claims := jwkstest.Claims("alice@example.com", issuer, audience)
	start := srv.Fetches()

	began := time.Now()
	for i := range 20 {
		forged := published
		forged.ID = fmt.Sprintf("unknown-%d", i)
		mustRefuse(t, tk, jwkstest.Sign(t, forged, claims))
	}
	if got := srv.Fetches() - start; got != 1 {
		t.Errorf("20 unknown kids caused %d fetches, want 1", got)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("refusing 20 unknown kids took %v: tokens waited for the limiter", took)
	}
}
