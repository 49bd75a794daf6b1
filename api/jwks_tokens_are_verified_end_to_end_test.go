package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pao/pao/internal/auth/jwkstest"
	"github.com/pao/pao/internal/config"
	"github.com/pao/pao/internal/testenv"
)

const jwksIssuer, jwksAudience = "https://idp.example.test/", "pao-api"

// startJWKSApp starts the API configured for RS256 tokens from srv's key
// set (PAO_TOKEN_JWKS_URL), as `pao serve` would be.
func startJWKSApp(t *testing.T, srv *jwkstest.Server) *testenv.App {
	t.Helper()
	return testenv.StartApp(t, testenv.Options{NoWorker: true, Env: map[string]string{
		"PAO_TOKEN_JWKS_URL": srv.URL, "PAO_TOKEN_ISSUER": jwksIssuer, "PAO_TOKEN_AUDIENCE": jwksAudience,
	}})
}

// getMe asks GET /v1/me with the token.
func getMe(a *testenv.App, token string) testenv.Response { return a.Do("GET", "/v1/me", token, nil) }

// TestJWKSTokenIsAcceptedThroughTheAPI: an RS256 token from the identity
// provider, signed by a key of its JWKS, authenticates a request end to
// end; the user is its subject.
func TestJWKSTokenIsAcceptedThroughTheAPI(t *testing.T) {
	k := jwkstest.NewKey(t, "idp-2026-01", 0)
	a := startJWKSApp(t, jwkstest.NewServer(t, k))
	r := getMe(a, jwkstest.Sign(t, k, jwkstest.Claims("Jwks.User@Example.com", jwksIssuer, jwksAudience)))
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "jwks.user@example.com") {
		t.Fatalf("GET /v1/me with an RS256 token = %d %s", r.Status, r.Body)
	}
}

// TestJWKSTokenFromAnUnknownKeyIsRefusedByTheAPI: a token signed by a key
// the provider does not publish is a 401, whether its kid is unknown or
// borrowed from a published key.
func TestJWKSTokenFromAnUnknownKeyIsRefusedByTheAPI(t *testing.T) {
	published := jwkstest.NewKey(t, "idp-2026-01", 0)
	stranger := jwkstest.NewKey(t, "stranger", 0)
	a := startJWKSApp(t, jwkstest.NewServer(t, published))
	claims := jwkstest.Claims("mallory@example.com", jwksIssuer, jwksAudience)
	r := getMe(a, jwkstest.Sign(t, stranger, claims))
	assertProblem(t, r, http.StatusUnauthorized, "unauthorized")
	if h := r.Header.Get("WWW-Authenticate"); !strings.Contains(h, "invalid_token") {
		t.Errorf("WWW-Authenticate = %q, want error=invalid_token", h)
	}
	impostor := stranger
	impostor.ID = published.ID
	assertProblem(t, getMe(a, jwkstest.Sign(t, impostor, claims)), http.StatusUnauthorized, "unauthorized")
}

// TestJWKSRotatedKeyIsAcceptedByTheAPI: after the provider rotates its
// JWKS to a new key, the first token signed with it is accepted (the set
// is fetched again for the unknown kid), and new tokens under the retired
// key are refused.
func TestJWKSRotatedKeyIsAcceptedByTheAPI(t *testing.T) {
	old, next := jwkstest.NewKey(t, "idp-2026-01", 0), jwkstest.NewKey(t, "idp-2026-02", 0)
	srv := jwkstest.NewServer(t, old)
	a := startJWKSApp(t, srv)
	if r := getMe(a, jwkstest.Sign(t, old, jwkstest.Claims("rot@example.com", jwksIssuer, jwksAudience))); r.Status != http.StatusOK {
		t.Fatalf("before the rotation: %d %s", r.Status, r.Body)
	}
	srv.Publish(next)
	if r := getMe(a, jwkstest.Sign(t, next, jwkstest.Claims("rot@example.com", jwksIssuer, jwksAudience))); r.Status != http.StatusOK {
		t.Fatalf("a token under the rotated-in key: %d %s", r.Status, r.Body)
	}
	// A token not seen before (another subject), under the retired key.
	assertProblem(t, getMe(a, jwkstest.Sign(t, old, jwkstest.Claims("rot2@example.com", jwksIssuer, jwksAudience))),
		http.StatusUnauthorized, "unauthorized")
}

// TestJWKSAlgorithmConfusionIsRefusedByTheAPI: with a JWKS configured, an
// HS256 token "signed" with the provider's public key (PEM), one signed
// with the built-in HS256 secret (one mode at a time) and alg none are all
// 401.
func TestJWKSAlgorithmConfusionIsRefusedByTheAPI(t *testing.T) {
	k := jwkstest.NewKey(t, "idp-2026-01", 0)
	a := startJWKSApp(t, jwkstest.NewServer(t, k))
	claims := jwkstest.Claims("alice@example.com", jwksIssuer, jwksAudience)
	for name, tok := range map[string]string{
		"HS256 with the public key":      jwkstest.SignWith(t, jwt.SigningMethodHS256, k.ID, claims, k.PublicPEM(t)),
		"HS256 with the built-in secret": jwkstest.SignWith(t, jwt.SigningMethodHS256, "", claims, []byte(config.DevTokenSecret)),
		"alg none":                       jwkstest.SignWith(t, jwt.SigningMethodNone, k.ID, claims, jwt.UnsafeAllowNoneSignatureType),
		"RS512 with the published key":   jwkstest.SignWith(t, jwt.SigningMethodRS512, k.ID, claims, k.Private),
	} {
		t.Run(name, func(t *testing.T) {
			assertProblem(t, getMe(a, tok), http.StatusUnauthorized, "unauthorized")
		})
	}
	if r := getMe(a, jwkstest.Sign(t, k, claims)); r.Status != http.StatusOK {
		t.Fatalf("the proper RS256 token: %d %s", r.Status, r.Body)
	}
}
