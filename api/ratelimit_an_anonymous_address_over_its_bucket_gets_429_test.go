package api_test

import (
	"net/http"
	"testing"
)

// TestRateLimitAnAnonymousAddressOverItsBucketGets429: requests without a
// token spend their address's bucket before authentication, so guessing
// tokens from one address meets the 429 with Retry-After.
func TestRateLimitAnAnonymousAddressOverItsBucketGets429(t *testing.T) {
	a := startLimited(t, map[string]string{"PAO_RATE_IP_RPS": "0.05", "PAO_RATE_IP_BURST": "3"})
	for i := range 3 {
		if r := a.Do("GET", "/v1/me", "not-a-token", nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("request %d within the burst = %d %s, want 401", i+1, r.Status, r.Body)
		}
	}
	secs := mustBeRateLimited(t, a.Do("GET", "/v1/me", "", nil))
	if secs < 15 || secs > 20 {
		t.Errorf("Retry-After %d s, want about 20 (one token per 20 s)", secs)
	}
}
