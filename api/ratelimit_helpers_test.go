package api_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
)

// startLimited starts the API alone with the given rate limits on top of
// the harness's out-of-reach ones.
func startLimited(t *testing.T, limits map[string]string) *testenv.App {
	t.Helper()
	return testenv.StartApp(t, testenv.Options{NoWorker: true, Env: limits})
}

// mustBeRateLimited checks r is the 429 problem and returns its
// Retry-After in seconds.
func mustBeRateLimited(t *testing.T, r testenv.Response) int {
	t.Helper()
	if r.Status != http.StatusTooManyRequests {
		t.Fatalf("status %d %s, want 429", r.Status, r.Body)
	}
	var p api.Problem
	r.JSON(t, &p)
	if p.Type != api.ProblemBase+"rate-limited" || p.Status != 429 || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("429 body %s (%s)", r.Body, r.Header.Get("Content-Type"))
	}
	secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || secs < 1 {
		t.Fatalf("Retry-After %q, want whole seconds >= 1", r.Header.Get("Retry-After"))
	}
	return secs
}
