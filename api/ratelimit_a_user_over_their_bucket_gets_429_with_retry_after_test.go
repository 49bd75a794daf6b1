package api_test

import (
	"net/http"
	"testing"
)

// TestRateLimitAUserOverTheirBucketGets429WithRetryAfter: a signed-in
// user's requests beyond their burst are refused with the rate-limited
// problem and a Retry-After of the seconds until a token is back (one
// every 100 s here).
func TestRateLimitAUserOverTheirBucketGets429WithRetryAfter(t *testing.T) {
	a := startLimited(t, map[string]string{"PAO_RATE_USER_RPS": "0.01", "PAO_RATE_USER_BURST": "3"})
	tok := a.Token("busy@example.com")
	for i := range 3 {
		if r := a.Do("GET", "/v1/me", tok, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d within the burst = %d %s", i+1, r.Status, r.Body)
		}
	}
	secs := mustBeRateLimited(t, a.Do("GET", "/v1/me", tok, nil))
	if secs < 90 || secs > 100 {
		t.Errorf("Retry-After %d s, want about 100 (one token per 100 s)", secs)
	}
}
