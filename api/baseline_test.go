package api_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

func assertProblem(t *testing.T, r testenv.Response, status int, slug string) api.Problem {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p api.Problem
	r.JSON(t, &p)
	if p.Type != api.ProblemBase+slug || p.Status != status || p.Detail == "" || p.RequestID == "" {
		t.Fatalf("problem = %+v, want type %s status %d with detail and request id", p, slug, status)
	}
	if r.Header.Get("X-Request-ID") != p.RequestID {
		t.Fatalf("X-Request-ID %q != problem request_id %q", r.Header.Get("X-Request-ID"), p.RequestID)
	}
	return p
}

func TestWiringEndToEnd(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{})

	t.Run("healthz", func(t *testing.T) {
		if r := a.Do("GET", "/healthz", "", nil); r.Status != http.StatusOK {
			t.Fatalf("healthz = %d", r.Status)
		}
	})
	t.Run("readyz with a worker polling", func(t *testing.T) {
		r := a.WaitReady(30 * time.Second)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"worker":"ok"`) {
			t.Fatalf("readyz = %d %s", r.Status, r.Body)
		}
	})
	t.Run("unknown route is 404 problem", func(t *testing.T) {
		assertProblem(t, a.Do("GET", "/nope", "", nil), http.StatusNotFound, "not-found")
	})
	t.Run("wrong method is 405 problem", func(t *testing.T) {
		assertProblem(t, a.Do("DELETE", "/healthz", "", nil), http.StatusMethodNotAllowed, "method-not-allowed")
	})
	t.Run("v1 without token is 401 problem", func(t *testing.T) {
		r := a.Do("GET", "/v1/anything", "", nil)
		assertProblem(t, r, http.StatusUnauthorized, "unauthorized")
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Fatal("no WWW-Authenticate header")
		}
	})
	t.Run("request id is echoed", func(t *testing.T) {
		r := a.Do("GET", "/healthz", "", nil)
		if r.Header.Get("X-Request-ID") == "" {
			t.Fatal("no X-Request-ID")
		}
	})
	t.Run("body over the limit is 413 problem", func(t *testing.T) {
		big := `{"x":"` + strings.Repeat("a", 2<<20) + `"}`
		assertProblem(t, a.Do("POST", "/v1/me", a.Token("alice@example.com"), big), http.StatusRequestEntityTooLarge, "too-large")
	})
	t.Run("valid token reaches /v1/me", func(t *testing.T) {
		r := a.Do("GET", "/v1/me", a.Token("Someone.New@Example.com"), nil)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"email":"someone.new@example.com"`) || !strings.Contains(string(r.Body), `"sites":[]`) {
			t.Fatalf("me = %d %s", r.Status, r.Body)
		}
	})
}

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

// TestPanicIsA500Problem: a panicking handler yields a 500 problem with the
// request id, and the server keeps serving.
func TestPanicIsA500Problem(t *testing.T) {
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	srv := a.Runtime.API()
	srv.Engine().GET("/boom", func(*gin.Context) { panic("kaboom") })
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p api.Problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 500 || p.Type != api.ProblemBase+"internal" || p.RequestID == "" || strings.Contains(p.Detail, "kaboom") {
		t.Fatalf("panic response = %d %+v", resp.StatusCode, p)
	}
	if resp2, err := http.Get(ts.URL + "/healthz"); err != nil || resp2.StatusCode != 200 {
		t.Fatalf("after panic: %v", err)
	}
}
