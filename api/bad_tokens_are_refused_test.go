package api_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pao/pao/internal/testenv"
)

func TestBadTokensAreRefused(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	cfg := a.Runtime.Cfg
	now := time.Now()
	sign := func(claims jwt.MapClaims, method jwt.SigningMethod, key any) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := func() jwt.MapClaims {
		return jwt.MapClaims{"sub": "alice@example.com", "iss": cfg.TokenIssuer, "aud": cfg.TokenAudience,
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	}
	with := func(k string, v any) jwt.MapClaims { c := good(); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := good(); delete(c, k); return c }
	secret := []byte(cfg.TokenSecret)
	unsigned := func() string {
		h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
		s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, good()).SigningString()
		return h + "." + strings.Split(s, ".")[1] + "."
	}()

	cases := map[string]string{
		"malformed":      "not-a-jwt",
		"expired":        sign(with("exp", now.Add(-time.Hour).Unix()), jwt.SigningMethodHS256, secret),
		"no expiry":      sign(without("exp"), jwt.SigningMethodHS256, secret),
		"wrong audience": sign(with("aud", "someone-else"), jwt.SigningMethodHS256, secret),
		"wrong issuer":   sign(with("iss", "evil"), jwt.SigningMethodHS256, secret),
		"wrong key":      sign(good(), jwt.SigningMethodHS256, []byte("another-secret-another-secret-another")),
		"HS512":          sign(good(), jwt.SigningMethodHS512, secret),
		"alg none":       unsigned,
		"bad subject":    sign(with("sub", "not an email"), jwt.SigningMethodHS256, secret),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			assertProblem(t, a.Do("GET", "/v1/me", tok, nil), http.StatusUnauthorized, "unauthorized")
		})
	}
	t.Run("not bearer", func(t *testing.T) {
		req, _ := http.NewRequest("GET", a.URL+"/v1/me", nil)
		req.Header.Set("Authorization", "Basic YWxpY2U6cGFzcw==")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
	t.Run("the good token passes", func(t *testing.T) {
		if r := a.Do("GET", "/v1/me", sign(good(), jwt.SigningMethodHS256, secret), nil); r.Status != http.StatusOK {
			t.Fatalf("status %d %s", r.Status, r.Body)
		}
	})
}
