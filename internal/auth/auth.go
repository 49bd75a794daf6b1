// Package auth mints and verifies the API's bearer tokens: HS256 JWTs with a
// pinned algorithm, a required expiry, issuer and audience, the user's email
// as subject and IBM-side staff roles in a "roles" claim.
package auth

import (
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
	// Expires is the token's exp claim: a verified token may be trusted
	// again without verifying its signature until then.
	Expires time.Time
}

// HasRole reports whether the caller holds an IBM-side role.
func (p Principal) HasRole(r string) bool { return slices.Contains(p.Roles, r) }

// Claims are the token's claims.
type Claims struct {
	Roles []string `json:"roles,omitempty"`
	jwt.RegisteredClaims
}

// Tokens mints and verifies tokens with one key, issuer and audience.
type Tokens struct {
	secret   []byte
	issuer   string
	audience string
	ttl      time.Duration
	parser   *jwt.Parser
}

// New returns a Tokens for an HS256 secret.
func New(secret, issuer, audience string, ttl time.Duration) *Tokens {
	return &Tokens{
		secret: []byte(secret), issuer: issuer, audience: audience, ttl: ttl,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithIssuer(issuer),
			jwt.WithAudience(audience),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithLeeway(30*time.Second),
		),
	}
}

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

// Mint returns a signed token for email with roles, valid for the TTL.
func (t *Tokens) Mint(email string, roles []string, now time.Time) (string, error) {
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
	var c Claims
	_, err := t.parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil })
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
	return p, nil
}
