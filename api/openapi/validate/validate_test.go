package validate_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pao/pao/api/openapi/validate"
)

// TestResponsesAreHeldToTheDocument: a documented response passes; an
// extra field, a wrong type, an undocumented status, a 2xx from an
// undocumented path and a non-problem 404 each fail, naming what is wrong.
func TestResponsesAreHeldToTheDocument(t *testing.T) {
	ctx := context.Background()
	v, err := validate.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	jsonH := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	problemH := http.Header{"Content-Type": {"application/problem+json"}}
	cases := []struct {
		name, path string
		status     int
		header     http.Header
		body       string
		want       string // "" passes
	}{
		{"documented", "/healthz", 200, jsonH, `{"status":"alive"}`, ""},
		{"extra field", "/healthz", 200, jsonH, `{"status":"alive","uptime":3}`, "uptime"},
		{"wrong value", "/healthz", 200, jsonH, `{"status":"dead"}`, "status"},
		{"undocumented status", "/healthz", 201, jsonH, `{"status":"alive"}`, "status is not supported"},
		{"wrong content type", "/healthz", 200, http.Header{"Content-Type": {"text/plain"}}, `alive`, "text/plain"},
		{"undocumented path, 2xx", "/nowhere", 200, jsonH, `{}`, "no documented operation"},
		{"undocumented path, problem", "/v1/nowhere", 404, problemH,
			`{"type":"https://pao.example.com/problems/not-found","title":"Not Found","status":404}`, ""},
		{"undocumented path, not a problem", "/v1/nowhere", 404, jsonH, `{}`, "application/problem+json"},
		{"problem missing title", "/v1/me", 401, problemH,
			`{"type":"https://pao.example.com/problems/unauthorized","status":401}`, "title"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+c.path, nil)
			err := v.Response(ctx, req, c.status, c.header, []byte(c.body))
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("want it to pass, got %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("want an error naming %q, got %v", c.want, err)
			}
		})
	}
}

// TestOneValidatorServesConcurrentTests: internal/testenv shares one
// Validator between parallel tests; concurrent checks of the same and of
// different operations give each its own verdict (run with -race).
func TestOneValidatorServesConcurrentTests(t *testing.T) {
	ctx := context.Background()
	v, err := validate.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	jsonH := http.Header{"Content-Type": {"application/json"}}
	me := `{"email":"a@example.com","roles":[],"sites":[],"support":[]}`
	errs := make(chan error, 64)
	for i := range 64 {
		go func() {
			path, body, want := "/v1/me", me, true
			if i%2 == 1 {
				path, body, want = "/healthz", `{"status":"dead"}`, false
			}
			err := v.Response(ctx, httptest.NewRequest("GET", "http://x"+path, nil), 200, jsonH, []byte(body))
			if (err == nil) != want {
				errs <- fmt.Errorf("%s: want pass=%v, got %v", path, want, err)
				return
			}
			errs <- nil
		}()
	}
	for range 64 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
