// Package auth mints and verifies the API's bearer tokens: JWTs with a
// pinned algorithm, a required expiry, issuer and audience, the user's email
// as subject and IBM-side staff roles in a "roles" claim. One mode at a
// time: HS256 with a shared secret (New; the service mints its own tokens)
// or RS256 with the keys of an identity provider's JWKS (NewJWKS; tokens
// come from the provider, the service only verifies them).
package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// IBM-side staff roles carried in the roles claim.
const (
	RoleIBMOps     = "ibm-ops"
	RoleSalesRep   = "sales-rep"
	RoleRenewalRep = "renewal-rep"
)

// StaffRoles lists the roles a token may carry.
var StaffRoles = []string{RoleIBMOps, RoleSalesRep, RoleRenewalRep}

// Principal is the authenticated caller.
type Principal struct {
	Email string
	Roles []string
	// Expires is when a verified token stops being trusted without
	// verifying it again: its exp claim, or sooner when its key may be
	// withdrawn (JWKS mode: one key-set refresh interval after the check).
	Expires time.Time
}

// HasRole reports whether the caller holds an IBM-side role.
func (p Principal) HasRole(r string) bool { return slices.Contains(p.Roles, r) }

// Claims are the token's claims.
type Claims struct {
	Roles []string `json:"roles,omitempty"`
	jwt.RegisteredClaims
}

// Tokens mints and verifies tokens with one issuer and audience, and
// either an HS256 secret or a JWKS of RS256 keys.
type Tokens struct {
	secret   []byte // HS256 mode; nil in JWKS mode
	issuer   string
	audience string
	ttl      time.Duration
	parser   *jwt.Parser
	// key returns the verification key of a token (the secret, or the
	// token's RSA key from the JWKS).
	key func(ctx context.Context) jwt.Keyfunc
	// trustFor bounds Principal.Expires after a check (0: the exp claim).
	trustFor time.Duration
	// stop ends the JWKS refresh (nil in HS256 mode).
	stop context.CancelFunc
}

// New returns a Tokens for an HS256 secret.
func New(secret, issuer, audience string, ttl time.Duration) *Tokens {
	t := &Tokens{
		secret: []byte(secret), issuer: issuer, audience: audience, ttl: ttl,
		parser: newParser(jwt.SigningMethodHS256, issuer, audience),
	}
	t.key = func(context.Context) jwt.Keyfunc { return func(*jwt.Token) (any, error) { return t.secret, nil } }
	return t
}

// newParser pins one algorithm and requires exp, iss and aud.
func newParser(alg jwt.SigningMethod, issuer, audience string) *jwt.Parser {
	return jwt.NewParser(
		jwt.WithValidMethods([]string{alg.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
	)
}

// Mode names the verification mode: "hs256" or "jwks".
func (t *Tokens) Mode() string {
	if t.secret == nil {
		return "jwks"
	}
	return "hs256"
}

// Close ends the background refresh of a JWKS (nothing in HS256 mode).
func (t *Tokens) Close() {
	if t.stop != nil {
		t.stop()
	}
}

// ErrNoMinting is Mint's error in JWKS mode: tokens come from the identity
// provider.
var ErrNoMinting = errors.New("tokens are issued by the identity provider (PAO_TOKEN_JWKS_URL is set); this service only verifies them")

// NormalizeEmail validates an email address and lower-cases it.
func NormalizeEmail(s string) (string, error) {
	if len(s) > maxEmailLen {
		return "", fmt.Errorf("an email address has at most %d characters", maxEmailLen)
	}
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || a.Name != "" || a.Address != strings.TrimSpace(s) {
		return "", fmt.Errorf("not a plain email address: %q", s)
	}
	return strings.ToLower(a.Address), nil
}

// maxEmailLen is the longest email address (RFC 5321 path limit).
const maxEmailLen = 254

// Mint returns a signed token for email with roles, valid for the TTL
// (HS256 mode only).
func (t *Tokens) Mint(email string, roles []string, now time.Time) (string, error) {
	if t.secret == nil {
		return "", ErrNoMinting
	}
	e, err := NormalizeEmail(email)
	if err != nil {
		return "", err
	}
	for _, r := range roles {
		if !slices.Contains(StaffRoles, r) {
			return "", fmt.Errorf("unknown role %q (one of %v)", r, StaffRoles)
		}
	}
	claims := Claims{
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   e,
			Issuer:    t.issuer,
			Audience:  jwt.ClaimStrings{t.audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return s, nil
}

// ErrInvalid wraps every verification failure.
var ErrInvalid = errors.New("invalid token")

// Verify checks a token and returns its principal.
func (t *Tokens) Verify(token string) (Principal, error) {
	return t.VerifyContext(context.Background(), token)
}

// VerifyContext checks a token and returns its principal; ctx bounds a
// fetch of the key set (JWKS mode, a token naming an unknown key).
func (t *Tokens) VerifyContext(ctx context.Context, token string) (Principal, error) {
	var c Claims
	_, err := t.parser.ParseWithClaims(token, &c, t.key(ctx))
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	email, err := NormalizeEmail(c.Subject)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: subject: %w", ErrInvalid, err)
	}
	roles := make([]string, 0, len(c.Roles))
	for _, r := range c.Roles {
		if slices.Contains(StaffRoles, r) {
			roles = append(roles, r)
		}
	}
	p := Principal{Email: email, Roles: roles}
	if c.ExpiresAt != nil {
		p.Expires = c.ExpiresAt.Time
	}
	if limit := time.Now().Add(t.trustFor); t.trustFor > 0 && limit.Before(p.Expires) {
		p.Expires = limit
	}
	return p, nil
}
