// Package jwkstest is an identity provider for tests: RSA keys, a JWKS
// served over HTTP (httptest) whose published keys a test changes, and
// RS256 tokens signed with any of the keys, published or not.
package jwkstest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Key is an RSA signing key with its key id.
type Key struct {
	ID      string
	Private *rsa.PrivateKey
	// Use is the JWK "use" published with it ("sig" unless set).
	Use string
}

// NewKey generates a key of bits (2048 unless 0).
func NewKey(t testing.TB, id string, bits int) Key {
	t.Helper()
	if bits == 0 {
		bits = 2048
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatalf("generate RSA key: %v", err)
	}
	return Key{ID: id, Private: k, Use: "sig"}
}

// PublicPEM is the public key as a PKIX PEM block: the bytes an attacker
// would use as an HMAC secret in an algorithm-confusion attack.
func (k Key) PublicPEM(t testing.TB) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&k.Private.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// Server serves a JWKS at URL and counts its fetches.
type Server struct {
	URL     string
	mu      sync.Mutex
	keys    []Key
	fetches atomic.Int64
}

// NewServer starts a JWKS server publishing keys; it stops with the test.
func NewServer(t testing.TB, keys ...Key) *Server {
	t.Helper()
	s := &Server{keys: keys}
	ts := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(ts.Close)
	s.URL = ts.URL + "/.well-known/jwks.json"
	return s
}

// Publish replaces the published keys (a rotation).
func (s *Server) Publish(keys ...Key) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = keys
}

// Fetches is how many times the key set was fetched.
func (s *Server) Fetches() int { return int(s.fetches.Load()) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/.well-known/jwks.json" {
		http.NotFound(w, r)
		return
	}
	s.fetches.Add(1)
	s.mu.Lock()
	keys := make([]map[string]string, 0, len(s.keys))
	for _, k := range s.keys {
		pub := k.Private.PublicKey
		keys = append(keys, map[string]string{
			"kty": "RSA", "kid": k.ID, "use": k.Use, "alg": "RS256",
			"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		})
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": keys})
}

// Claims are valid claims for email (and roles) from issuer for audience,
// valid for an hour from now.
func Claims(email, issuer, audience string, roles ...string) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{"sub": email, "iss": issuer, "aud": audience,
		"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix()}
	if len(roles) > 0 {
		c["roles"] = roles
	}
	return c
}

// Sign signs claims with RS256 under k, its id in the kid header.
func Sign(t testing.TB, k Key, claims jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	if k.ID != "" {
		tok.Header["kid"] = k.ID
	}
	s, err := tok.SignedString(k.Private)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

// SignWith signs claims with any method and key material, the kid header
// set to kid: for tokens a provider would never issue.
func SignWith(t testing.TB, method jwt.SigningMethod, kid string, claims jwt.Claims, key any) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}
