package api

import (
	"testing"
	"time"

	"github.com/pao/pao/internal/auth"
)

// A verified token is served from the cache only until its exp claim; an
// entry without an expiry is never kept; a full cache starts afresh.
func TestVerifiedTokensAreTrustedOnlyUntilTheyExpire(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	tc := newTokenCache(2, func() time.Time { return now })
	tc.put("a", auth.Principal{Email: "alice@acme.example.com", Expires: now.Add(time.Minute)})
	tc.put("never", auth.Principal{Email: "bob@acme.example.com"})
	if p, ok := tc.get("a"); !ok || p.Email != "alice@acme.example.com" {
		t.Fatalf("fresh entry: %+v %v", p, ok)
	}
	if _, ok := tc.get("never"); ok {
		t.Fatal("an entry without an expiry was kept")
	}
	now = now.Add(time.Minute)
	if _, ok := tc.get("a"); ok {
		t.Fatal("an entry was served at its expiry")
	}
	tc.put("b", auth.Principal{Email: "b@x.example.com", Expires: now.Add(time.Hour)})
	tc.put("c", auth.Principal{Email: "c@x.example.com", Expires: now.Add(time.Hour)})
	if len(tc.tokens) > 2 {
		t.Fatalf("cache holds %d entries, bound 2", len(tc.tokens))
	}
	if _, ok := tc.get("c"); !ok {
		t.Fatal("the newest entry is missing after the reset")
	}
}
