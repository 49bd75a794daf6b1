package api_test

import (
	"net/http"
	"testing"
)

// TestRateLimitAnotherUserKeepsTheirOwnBucket: a user who emptied their
// bucket does not slow down another user from the same address.
func TestRateLimitAnotherUserKeepsTheirOwnBucket(t *testing.T) {
	a := startLimited(t, map[string]string{"PAO_RATE_USER_RPS": "0.01", "PAO_RATE_USER_BURST": "2"})
	busy, calm := a.Token("busy@example.com"), a.Token("calm@example.com")
	for range 2 {
		a.Do("GET", "/v1/me", busy, nil)
	}
	mustBeRateLimited(t, a.Do("GET", "/v1/me", busy, nil))
	for i := range 2 {
		if r := a.Do("GET", "/v1/me", calm, nil); r.Status != http.StatusOK {
			t.Fatalf("the other user's request %d = %d %s", i+1, r.Status, r.Body)
		}
	}
}
