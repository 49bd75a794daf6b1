package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pao/pao/internal/testenv"
)

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
