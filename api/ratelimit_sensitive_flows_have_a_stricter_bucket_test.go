package api_test

import (
	"net/http"
	"testing"
)

// TestRateLimitSensitiveFlowsHaveAStricterBucket: a user's self-
// nominations meet their own bucket (two, then one a minute here) while
// the same user's other requests, and their support-access requests, go
// on.
func TestRateLimitSensitiveFlowsHaveAStricterBucket(t *testing.T) {
	a := startLimited(t, map[string]string{"PAO_RATE_SENSITIVE_PER_MINUTE": "1", "PAO_RATE_SENSITIVE_BURST": "2"})
	tok := a.Token("eager@example.com")
	for i := range 2 {
		if r := a.Do("POST", "/v1/nominations", tok, map[string]string{}); r.Status == http.StatusTooManyRequests {
			t.Fatalf("nomination %d within the burst = 429", i+1)
		}
	}
	secs := mustBeRateLimited(t, a.Do("POST", "/v1/nominations", tok, map[string]string{}))
	if secs < 50 || secs > 60 {
		t.Errorf("Retry-After %d s, want about 60 (one a minute)", secs)
	}
	if r := a.Do("GET", "/v1/me", tok, nil); r.Status != http.StatusOK {
		t.Errorf("another request after the refusal = %d %s", r.Status, r.Body)
	}
	if r := a.Do("POST", "/v1/support-access-requests", tok, map[string]string{}); r.Status == http.StatusTooManyRequests {
		t.Error("a support-access request shares the nominations' bucket")
	}
}
