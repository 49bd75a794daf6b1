package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
)

// TestCachedStandingFollowsChanges: the API caches callers' standings, but
// a change made through the API shows on the very next request, and a
// change made by another process (the worker, an operator's SQL) as soon
// as PostgreSQL's notification arrives, well before the cache entry would
// expire (2 s).
func TestCachedStandingFollowsChanges(t *testing.T) {
	t.Parallel()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	db := a.Runtime.DB
	if _, err := seed.Load(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	const alice, grace, henry = "alice@acme.example.com", "grace@acme.example.com", "henry@acme.example.com"
	get := func(who string) int { return a.Do("GET", "/v1/sites/300001", a.Token(who), nil).Status }

	// Through the API: alice revokes grace; grace's next request is refused.
	if s := get(grace); s != http.StatusOK {
		t.Fatalf("grace before = %d", s)
	}
	if r := a.Do("DELETE", "/v1/sites/300001/users/"+grace, a.Token(alice), nil); r.Status != http.StatusNoContent {
		t.Fatalf("revoke = %d %s", r.Status, r.Body)
	}
	if s := get(grace); s != http.StatusNotFound {
		t.Fatalf("grace on the next request after revocation = %d, want 404", s)
	}

	// By another process: henry's access to the site is removed in SQL.
	if s := get(henry); s != http.StatusOK {
		t.Fatalf("henry before = %d", s)
	}
	if err := db.Exec(`DELETE FROM site_access WHERE user_id = (SELECT id FROM users WHERE email = ?)
		AND site_id = (SELECT id FROM sites WHERE site_number = '300001')`, henry).Error; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(1500 * time.Millisecond) // under the entry's 2 s: only the notification can explain a 403 by then
	for {
		s := get(henry)
		if s == http.StatusNotFound {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("henry still %d after the change was committed and notified", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
