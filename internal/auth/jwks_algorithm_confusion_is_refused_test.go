package auth_test

import (
	"crypto/x509"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pao/pao/internal/auth/jwkstest"
)

// TestJWKSAlgorithmConfusionIsRefused: in RS256 mode, only RS256 tokens
// under a published RSA signing key verify: an HS256 token "signed" with
// the public key's bytes (the classic confusion), alg none, other RSA
// algorithms with the right key, a weak key or an encryption key in the
// set are all refused.
func TestJWKSAlgorithmConfusionIsRefused(t *testing.T) {
	k := jwkstest.NewKey(t, "k1", 0)
	weak := jwkstest.NewKey(t, "weak", 1024)
	enc := jwkstest.NewKey(t, "enc", 0)
	enc.Use = "enc"
	tk := jwksTokens(t, jwkstest.NewServer(t, k, weak, enc), time.Minute, time.Hour)
	claims := jwkstest.Claims("alice@example.com", issuer, audience)

	der, err := x509.MarshalPKIXPublicKey(&k.Private.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	for name, tok := range map[string]string{
		"HS256 with the public key PEM":   jwkstest.SignWith(t, jwt.SigningMethodHS256, k.ID, claims, k.PublicPEM(t)),
		"HS256 with the public key DER":   jwkstest.SignWith(t, jwt.SigningMethodHS256, k.ID, claims, der),
		"HS256 with the PKCS1 key":        jwkstest.SignWith(t, jwt.SigningMethodHS256, k.ID, claims, x509.MarshalPKCS1PublicKey(&k.Private.PublicKey)),
		"HS256 with the modulus":          jwkstest.SignWith(t, jwt.SigningMethodHS256, k.ID, claims, k.Private.N.Bytes()),
		"alg none":                        jwkstest.SignWith(t, jwt.SigningMethodNone, k.ID, claims, jwt.UnsafeAllowNoneSignatureType),
		"RS384 with the published key":    jwkstest.SignWith(t, jwt.SigningMethodRS384, k.ID, claims, k.Private),
		"PS256 with the published key":    jwkstest.SignWith(t, jwt.SigningMethodPS256, k.ID, claims, k.Private),
		"RS256 with a 1024-bit key":       jwkstest.Sign(t, weak, claims),
		"RS256 with an encryption key":    jwkstest.Sign(t, enc, claims),
		"RS256, no kid, only weak or enc": noKid(t, weak, claims),
	} {
		t.Run(name, func(t *testing.T) { mustRefuse(t, tk, tok) })
	}
	mustVerify(t, tk, jwkstest.Sign(t, k, claims), "alice@example.com")
}

func noKid(t *testing.T, k jwkstest.Key, claims jwt.Claims) string {
	k.ID = ""
	return jwkstest.Sign(t, k, claims)
}
