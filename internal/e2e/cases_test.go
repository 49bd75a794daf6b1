package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/internal/testenv"
)

// TestSupportCaseVisibilityMatrix applies D1 to every case route for the four
// support levels on account 1000001.
func TestSupportCaseVisibilityMatrix(t *testing.T) {
	w := startWorld(t, nil, testenv.Options{NoWorker: true})
	const (
		none  = "henry@acme.example.com" // support none
		basic = "dave@acme.example.com"  // support basic
		full  = "grace@acme.example.com" // support full
		admin = "carol@acme.example.com" // STC: administrator
	)
	open := func(who, title string) (int, int64) {
		r := w.Do("POST", "/v1/accounts/1000001/cases", w.Token(who), map[string]any{
			"title": title, "description": "Backups fail nightly", "severity": 2,
		})
		var out struct {
			Case struct{ ID int64 }
		}
		if r.Status == http.StatusCreated {
			r.JSON(t, &out)
		}
		return r.Status, out.Case.ID
	}
	if st, _ := open(none, "no access"); st != http.StatusNotFound {
		t.Fatalf("none opens = %d", st)
	}
	_, basicCase := open(basic, "basic's case")
	_, fullCase := open(full, "full's case")
	if basicCase == 0 || fullCase == 0 {
		t.Fatal("cases not opened")
	}

	list := func(who string) (int, string) {
		r := w.Do("GET", "/v1/accounts/1000001/cases", w.Token(who), nil)
		return r.Status, string(r.Body)
	}
	if st, _ := list(none); st != http.StatusNotFound {
		t.Fatalf("none lists = %d", st)
	}
	if st, body := list(basic); st != 200 || !strings.Contains(body, "basic's case") || strings.Contains(body, "full's case") {
		t.Fatalf("basic lists = %d %s", st, body)
	}
	for _, who := range []string{full, admin} {
		if st, body := list(who); st != 200 || !strings.Contains(body, "basic's case") || !strings.Contains(body, "full's case") {
			t.Fatalf("%s lists = %d %s", who, st, body)
		}
	}

	type attempt struct {
		who, method, path string
		body              any
		want              int
	}
	caseURL := func(id int64, suffix string) string { return fmt.Sprintf("/v1/cases/%d%s", id, suffix) }
	upd := map[string]string{"body": "any news?"}
	attempts := []attempt{
		{none, "GET", caseURL(basicCase, ""), nil, 404},
		{none, "POST", caseURL(basicCase, "/updates"), upd, 404},
		{basic, "GET", caseURL(basicCase, ""), nil, 200},
		{basic, "GET", caseURL(fullCase, ""), nil, 404},
		{basic, "POST", caseURL(basicCase, "/updates"), upd, 201},
		{basic, "POST", caseURL(fullCase, "/updates"), upd, 404},
		{basic, "POST", caseURL(basicCase, "/interested-parties"), map[string]string{"email": full}, 403},
		{basic, "POST", caseURL(fullCase, "/interested-parties"), map[string]string{"email": full}, 404},
		{full, "GET", caseURL(basicCase, ""), nil, 200},
		{full, "POST", caseURL(basicCase, "/updates"), upd, 201},
		{full, "POST", caseURL(basicCase, "/interested-parties"), map[string]string{"email": admin}, 201},
		{full, "POST", caseURL(basicCase, "/interested-parties"), map[string]string{"email": basic}, 422},
		{full, "POST", caseURL(basicCase, "/interested-parties"), map[string]string{"email": none}, 422},
		{admin, "GET", caseURL(fullCase, ""), nil, 200},
		{admin, "POST", caseURL(fullCase, "/interested-parties"), map[string]string{"email": full}, 201},
		// Another account's people see nothing of this one.
		{"budi@nusantara.example.com", "GET", caseURL(basicCase, ""), nil, 404},
		{"budi@nusantara.example.com", "GET", "/v1/accounts/1000001/cases", nil, 404},
	}
	for _, a := range attempts {
		r := w.Do(a.method, a.path, w.Token(a.who), a.body)
		if r.Status != a.want {
			t.Errorf("%s %s %s = %d, want %d: %s", a.who, a.method, a.path, r.Status, a.want, r.Body)
		}
		if r.Status == 404 && strings.Contains(string(r.Body), "Backups fail") {
			t.Errorf("%s %s %s leaked the case: %s", a.who, a.method, a.path, r.Body)
		}
	}
	r := w.Do("GET", caseURL(basicCase, ""), w.Token(full), nil)
	if !strings.Contains(string(r.Body), admin) || !strings.Contains(string(r.Body), "any news?") {
		t.Fatalf("case detail lacks the party or the update: %s", r.Body)
	}
}
