package accounts_test

import (
	"sync"
	"testing"

	"github.com/pao/pao/internal/accounts"
)

// EnsureUser returns the existing user, or creates one: concurrent first
// calls for the same email all get the one row.
func TestEnsureUserCreatesEachPersonOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u, err := accounts.EnsureUser(f.db, alice)
	if err != nil || u.ID != f.user(alice).ID || u.Name != "Alice Anderson" {
		t.Fatalf("existing user = %+v, %v", u, err)
	}

	const newcomer = "quinn@newcomer.example.com"
	ids := make([]int64, 8)
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := accounts.EnsureUser(f.db, newcomer)
			ids[i], errs[i] = u.ID, err
		}()
	}
	wg.Wait()
	for i := range ids {
		if errs[i] != nil || ids[i] == 0 || ids[i] != ids[0] {
			t.Fatalf("call %d: id %d (first %d), %v", i, ids[i], ids[0], errs[i])
		}
	}
	if n := f.count("SELECT count(*) FROM users WHERE email = ?", newcomer); n != 1 {
		t.Fatalf("%d rows for %s", n, newcomer)
	}
	if again, err := accounts.EnsureUser(f.db, newcomer); err != nil || again.ID != ids[0] {
		t.Fatalf("second call = %+v, %v", again, err)
	}
}

// An email the users table refuses (not lower case) is an error, not a
// user with id 0.
func TestEnsureUserRefusesAnEmailTheTableRefuses(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u, err := accounts.EnsureUser(f.db, "Mixed@Case.example.com")
	if err == nil || u.ID != 0 {
		t.Fatalf("EnsureUser(Mixed@Case) = %+v, %v", u, err)
	}
	if n := f.count("SELECT count(*) FROM users WHERE lower(email) = 'mixed@case.example.com'"); n != 0 {
		t.Fatalf("%d rows", n)
	}
}
