package auth_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/internal/auth/jwkstest"
)

// jwksTokens verifies against srv's key set with the given refresh
// intervals; it stops with the test.
func jwksTokens(t *testing.T, srv *jwkstest.Server, refresh, unknownKID time.Duration) *auth.Tokens {
	t.Helper()
	tk, err := auth.NewJWKS(t.Context(), auth.JWKSOptions{URL: srv.URL, Issuer: issuer, Audience: audience,
		Refresh: refresh, UnknownKID: unknownKID, HTTPTimeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("NewJWKS: %v", err)
	}
	t.Cleanup(tk.Close)
	return tk
}

// mustVerify fails the test unless tok verifies as email.
func mustVerify(t *testing.T, tk *auth.Tokens, tok, email string) auth.Principal {
	t.Helper()
	p, err := tk.VerifyContext(t.Context(), tok)
	if err != nil {
		t.Fatalf("Verify refused a good token: %v", err)
	}
	if p.Email != email {
		t.Fatalf("Email = %q, want %q", p.Email, email)
	}
	return p
}

// mustRefuse fails the test unless tok is refused with ErrInvalid.
func mustRefuse(t *testing.T, tk *auth.Tokens, tok string) {
	t.Helper()
	p, err := tk.VerifyContext(t.Context(), tok)
	if err == nil {
		t.Fatalf("Verify accepted %q as %+v", tok, p)
	}
	if !errors.Is(err, auth.ErrInvalid) {
		t.Errorf("error %v does not wrap ErrInvalid", err)
	}
}
