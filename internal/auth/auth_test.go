package auth_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pao/pao/internal/auth"
)

const (
	secret   = "test-secret-0123456789-0123456789-abcdef"
	issuer   = "pao-test"
	audience = "pao-api-test"
	ttl      = time.Hour
)

func tokens() *auth.Tokens { return auth.New(secret, issuer, audience, ttl) }

// sign signs arbitrary claims with method and key, for crafting tokens the
// service would never mint.
func sign(t testing.TB, method jwt.SigningMethod, claims jwt.Claims, key any) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

// validClaims are the claims Mint would produce for email at now.
func validClaims(email string, roles []string, now time.Time) auth.Claims {
	return auth.Claims{
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   email,
			Issuer:    issuer,
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
}

func TestMintVerifyRoundTrip(t *testing.T) {
	tk := tokens()
	tests := []struct {
		email string
		roles []string
		want  string
	}{
		{"alice@example.com", nil, "alice@example.com"},
		{"Alice.Smith@Example.COM", []string{auth.RoleIBMOps}, "alice.smith@example.com"},
		{"  bob@example.com ", []string{auth.RoleSalesRep, auth.RoleRenewalRep}, "bob@example.com"},
		{"carol@example.com", auth.StaffRoles, "carol@example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.email, func(t *testing.T) {
			tok, err := tk.Mint(tc.email, tc.roles, time.Now())
			if err != nil {
				t.Fatalf("Mint: %v", err)
			}
			p, err := tk.Verify(tok)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if p.Email != tc.want {
				t.Errorf("Email = %q, want %q", p.Email, tc.want)
			}
			if !slices.Equal(p.Roles, tc.roles) && !(len(p.Roles) == 0 && len(tc.roles) == 0) {
				t.Errorf("Roles = %v, want %v", p.Roles, tc.roles)
			}
			for _, r := range auth.StaffRoles {
				if p.HasRole(r) != slices.Contains(tc.roles, r) {
					t.Errorf("HasRole(%s) = %v", r, p.HasRole(r))
				}
			}
			// The subject claim itself is stored lower-cased.
			var c auth.Claims
			if _, _, err := jwt.NewParser().ParseUnverified(tok, &c); err != nil {
				t.Fatal(err)
			}
			if c.Subject != tc.want {
				t.Errorf("sub claim = %q, want %q", c.Subject, tc.want)
			}
			if c.Issuer != issuer || !slices.Equal([]string(c.Audience), []string{audience}) {
				t.Errorf("iss/aud = %q/%v", c.Issuer, c.Audience)
			}
			if c.ExpiresAt == nil || c.ExpiresAt.Sub(c.IssuedAt.Time) != ttl {
				t.Errorf("exp = %v, iat = %v, want ttl %v", c.ExpiresAt, c.IssuedAt, ttl)
			}
		})
	}
}

func TestMintRefusesUnknownRoles(t *testing.T) {
	for _, roles := range [][]string{{"admin"}, {auth.RoleIBMOps, "root"}, {""}, {"IBM-OPS"}} {
		if tok, err := tokens().Mint("alice@example.com", roles, time.Now()); err == nil {
			t.Errorf("Mint with roles %q = %q, want an error", roles, tok)
		}
	}
}

func TestMintRefusesBadEmails(t *testing.T) {
	for _, e := range []string{"", "alice", "alice@", "@example.com", "Alice <alice@example.com>", "<alice@example.com>", "a@example.com, b@example.com"} {
		if tok, err := tokens().Mint(e, nil, time.Now()); err == nil {
			t.Errorf("Mint(%q) = %q, want an error", e, tok)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	now := time.Now()
	tk := tokens()
	minted := func(tk *auth.Tokens, at time.Time) string {
		tok, err := tk.Mint("alice@example.com", []string{auth.RoleIBMOps}, at)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	noExp := validClaims("alice@example.com", nil, now)
	noExp.ExpiresAt = nil
	noIss := validClaims("alice@example.com", nil, now)
	noIss.Issuer = ""
	noAud := validClaims("alice@example.com", nil, now)
	noAud.Audience = nil
	notYet := validClaims("alice@example.com", nil, now)
	notYet.NotBefore = jwt.NewNumericDate(now.Add(time.Hour))
	badSub := validClaims("Alice <alice@example.com>", nil, now)
	noSub := validClaims("", nil, now)
	good := minted(tk, now)
	parts := strings.Split(good, ".")
	noneTok := sign(t, jwt.SigningMethodNone, validClaims("alice@example.com", nil, now), jwt.UnsafeAllowNoneSignatureType)

	tests := []struct {
		name  string
		token string
	}{
		{"expired", minted(tk, now.Add(-ttl-time.Hour))},
		{"issued in the future", minted(tk, now.Add(time.Hour))},
		{"wrong issuer", minted(auth.New(secret, "someone-else", audience, ttl), now)},
		{"wrong audience", minted(auth.New(secret, issuer, "other-api", ttl), now)},
		{"wrong key", minted(auth.New(secret+"x", issuer, audience, ttl), now)},
		{"alg none", noneTok},
		{"alg none, no signature segment", strings.Join(strings.Split(noneTok, ".")[:2], ".") + "."},
		{"HS384", sign(t, jwt.SigningMethodHS384, validClaims("alice@example.com", nil, now), []byte(secret))},
		{"HS512", sign(t, jwt.SigningMethodHS512, validClaims("alice@example.com", nil, now), []byte(secret))},
		{"missing exp", sign(t, jwt.SigningMethodHS256, noExp, []byte(secret))},
		{"missing iss", sign(t, jwt.SigningMethodHS256, noIss, []byte(secret))},
		{"missing aud", sign(t, jwt.SigningMethodHS256, noAud, []byte(secret))},
		{"not yet valid", sign(t, jwt.SigningMethodHS256, notYet, []byte(secret))},
		{"subject not a plain email", sign(t, jwt.SigningMethodHS256, badSub, []byte(secret))},
		{"empty subject", sign(t, jwt.SigningMethodHS256, noSub, []byte(secret))},
		{"payload swapped", parts[0] + "." + strings.Split(minted(auth.New(secret+"x", issuer, audience, 2*ttl), now), ".")[1] + "." + parts[2]},
		{"signature stripped", parts[0] + "." + parts[1] + "."},
		{"empty", ""},
		{"garbage", "not.a.token"},
		{"two segments", parts[0] + "." + parts[1]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tk.Verify(tc.token)
			if err == nil {
				t.Fatalf("Verify accepted %q as %+v", tc.token, p)
			}
			if !errors.Is(err, auth.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if p.Email != "" || p.Roles != nil {
				t.Errorf("principal %+v returned alongside the error", p)
			}
		})
	}
}

func TestVerifyDropsUnknownRoles(t *testing.T) {
	tok := sign(t, jwt.SigningMethodHS256,
		validClaims("Alice@Example.com", []string{"root", auth.RoleSalesRep, "IBM-OPS", "", auth.RoleIBMOps}, time.Now()), []byte(secret))
	p, err := tokens().Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{auth.RoleSalesRep, auth.RoleIBMOps}; !slices.Equal(p.Roles, want) {
		t.Errorf("Roles = %v, want %v", p.Roles, want)
	}
	if p.Email != "alice@example.com" {
		t.Errorf("Email = %q, want it lower-cased", p.Email)
	}
	if p.HasRole("root") {
		t.Error("HasRole(root)")
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"alice@example.com", "alice@example.com", true},
		{"Alice.Smith@Example.COM", "alice.smith@example.com", true},
		{"  bob@example.com\t", "bob@example.com", true},
		{"first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk", true},
		{"", "", false},
		{"   ", "", false},
		{"alice", "", false},
		{"alice@", "", false},
		{"@example.com", "", false},
		{"alice@@example.com", "", false},
		{"Alice <alice@example.com>", "", false},
		{"<alice@example.com>", "", false},
		{`"Alice" <alice@example.com>`, "", false},
		{"alice@example.com, bob@example.com", "", false},
		{"alice example@example.com", "", false},
	}
	for _, tc := range tests {
		got, err := auth.NormalizeEmail(tc.in)
		if tc.ok {
			if err != nil || got != tc.want {
				t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("NormalizeEmail(%q) = %q, want an error", tc.in, got)
		}
	}
}

// signedWithKey reports whether tok's signature is the HS256 MAC of its
// signing input under secret.
func signedWithKey(tok string) bool {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return false
	}
	sig, err := jwt.NewParser().DecodeSegment(parts[2])
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	return hmac.Equal(sig, mac.Sum(nil))
}

// FuzzVerify: Verify never panics and accepts only tokens whose signature
// is the HS256 MAC under the key, with a plain lower-case email and known
// roles.
func FuzzVerify(f *testing.F) {
	now := time.Now()
	tk := tokens()
	good, err := tk.Mint("Alice@Example.com", []string{auth.RoleIBMOps}, now)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good + "x")
	f.Add(good[:len(good)-1])
	f.Add(strings.Replace(good, ".", "..", 1))
	other, _ := auth.New(secret+"x", issuer, audience, ttl).Mint("alice@example.com", nil, now)
	f.Add(other)
	f.Add(sign(f, jwt.SigningMethodNone, validClaims("alice@example.com", nil, now), jwt.UnsafeAllowNoneSignatureType))
	f.Add(sign(f, jwt.SigningMethodHS384, validClaims("alice@example.com", nil, now), []byte(secret)))
	f.Add("")
	f.Add("..")
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJIUzI1NiJ9.e30.")
	f.Fuzz(func(t *testing.T, tok string) {
		p, err := tk.Verify(tok)
		if err != nil {
			if !errors.Is(err, auth.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if !signedWithKey(tok) {
			t.Fatalf("Verify accepted %q, not signed with the key", tok)
		}
		if e, err := auth.NormalizeEmail(p.Email); err != nil || e != p.Email {
			t.Errorf("accepted principal email %q not normalised", p.Email)
		}
		for _, r := range p.Roles {
			if !slices.Contains(auth.StaffRoles, r) {
				t.Errorf("accepted unknown role %q", r)
			}
		}
	})
}
