package e2e_test

import (
	"net/http"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestCaseFollowingNeedsFullSupport: following an account's cases needs full
// support access (basic 403, no access or another account's people 404);
// following and unfollowing are idempotent, each change audited once, and
// the case list says whether the caller follows.
func TestCaseFollowingNeedsFullSupport(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{NoWorker: true})
	for _, tc := range []struct {
		who  string
		want int
	}{
		{caseBasic, http.StatusForbidden},
		{caseNone, http.StatusNotFound},
		{caseOther, http.StatusNotFound},
	} {
		for _, method := range []string{"PUT", "DELETE"} {
			if st, _ := setFollowing(t, w, method, tc.who); st != tc.want {
				t.Errorf("%s %s case-following = %d, want %d", tc.who, method, st, tc.want)
			}
		}
	}
	if r := w.Do("PUT", "/v1/accounts/1999999/case-following", w.Token(caseFullG), nil); r.Status != http.StatusNotFound {
		t.Errorf("PUT on an unknown account = %d", r.Status)
	}
	if r := w.Do("PUT", "/v1/accounts/1000001/case-following", "", nil); r.Status != http.StatusUnauthorized {
		t.Errorf("PUT without a token = %d", r.Status)
	}
	if listedFollowing(t, w, caseBasic) {
		t.Error("basic is listed as following")
	}

	count := func(query string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := w.Runtime.DB.Raw(query, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	followers := func() int64 {
		return count(`SELECT count(*) FROM support_case_followers f JOIN users u ON u.id = f.user_id
			JOIN customers c ON c.id = f.customer_id WHERE u.email = ? AND c.customer_number = '1000001'`, caseFullG)
	}
	audits := func(action string) int64 {
		return count(`SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ? AND site_id IS NULL
			AND customer_id = (SELECT id FROM customers WHERE customer_number = '1000001')`, action, caseFullG)
	}

	if listedFollowing(t, w, caseFullG) {
		t.Fatal("grace follows before asking")
	}
	for range 2 {
		if st, on := setFollowing(t, w, "PUT", caseFullG); st != http.StatusOK || !on {
			t.Fatalf("grace follows = %d following=%v", st, on)
		}
	}
	if !listedFollowing(t, w, caseFullG) {
		t.Error("grace follows but the case list says not")
	}
	if n := followers(); n != 1 {
		t.Errorf("%d follower rows for grace, want 1", n)
	}
	if n := audits("case.follow"); n != 1 {
		t.Errorf("%d case.follow audit rows after following twice, want 1", n)
	}

	for range 2 {
		if st, on := setFollowing(t, w, "DELETE", caseFullG); st != http.StatusOK || on {
			t.Fatalf("grace unfollows = %d following=%v", st, on)
		}
	}
	if listedFollowing(t, w, caseFullG) {
		t.Error("grace unfollowed but the case list says she follows")
	}
	if n := followers(); n != 0 {
		t.Errorf("%d follower rows for grace after unfollowing, want 0", n)
	}
	if n := audits("case.unfollow"); n != 1 {
		t.Errorf("%d case.unfollow audit rows after unfollowing twice, want 1", n)
	}

	// The STC is administrator: following is theirs too.
	if st, on := setFollowing(t, w, "PUT", caseSTC); st != http.StatusOK || !on {
		t.Errorf("the STC follows = %d following=%v", st, on)
	}
}
