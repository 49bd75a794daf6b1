package auth_test

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/auth/jwkstest"
)

// TestJWKSRotatedKeyIsPickedUpAtItsFirstToken: when the provider rotates
// to a new key, the first token naming it fetches the set again and
// verifies; the withdrawn key, gone from the fetched set, verifies no more.
func TestJWKSRotatedKeyIsPickedUpAtItsFirstToken(t *testing.T) {
	old, next := jwkstest.NewKey(t, "2026-01", 0), jwkstest.NewKey(t, "2026-02", 0)
	srv := jwkstest.NewServer(t, old)
	tk := jwksTokens(t, srv, time.Hour, time.Hour)
	claims := jwkstest.Claims("alice@example.com", issuer, audience)
	mustVerify(t, tk, jwkstest.Sign(t, old, claims), "alice@example.com")

	srv.Publish(next)
	before := srv.Fetches()
	mustVerify(t, tk, jwkstest.Sign(t, next, claims), "alice@example.com")
	if srv.Fetches() != before+1 {
		t.Errorf("fetches %d → %d, want one fetch for the unknown kid", before, srv.Fetches())
	}
	mustRefuse(t, tk, jwkstest.Sign(t, old, claims))
}

// TestJWKSWithdrawnKeyStopsVerifyingAfterARefresh: the periodic refresh
// replaces the set, so a withdrawn key stops verifying without any token
// naming an unknown kid.
func TestJWKSWithdrawnKeyStopsVerifyingAfterARefresh(t *testing.T) {
	old, next := jwkstest.NewKey(t, "2026-01", 0), jwkstest.NewKey(t, "2026-02", 0)
	srv := jwkstest.NewServer(t, old, next)
	tk := jwksTokens(t, srv, 100*time.Millisecond, time.Hour)
	claims := jwkstest.Claims("alice@example.com", issuer, audience)
	mustVerify(t, tk, jwkstest.Sign(t, old, claims), "alice@example.com")

	srv.Publish(next)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := tk.VerifyContext(t.Context(), jwkstest.Sign(t, old, claims)); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the withdrawn key still verifies 5s after the set changed (refresh every 100ms)")
		}
		time.Sleep(50 * time.Millisecond)
	}
	mustVerify(t, tk, jwkstest.Sign(t, next, claims), "alice@example.com")
}
