package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// matrix is the state of one run.
type matrix struct {
	a        *testenv.App
	needles  []string // data of site 300001 that must not reach a refused caller
	fx       fixtures
	attempts int
	refusals int
	leaks    int
}

// siteScoped reports whether a route is authorized on its :site parameter.
func siteScoped(key string, n api.Need) bool {
	_, path, _ := strings.Cut(key, " ")
	if !strings.Contains(path+"/", "/:site/") {
		return false
	}
	s := n.String()
	return s == "access to the site" || strings.HasSuffix(s, " on the site")
}

func (m *matrix) do(t *testing.T, method, path, who string, body any) testenv.Response {
	t.Helper()
	m.attempts++
	return m.a.Do(method, path, tokenFor(m.a, who), body)
}

// noLeak fails if the body of r carries any needle the caller did not
// supply itself (their own email, the path or the body), other than those
// excepted.
func (m *matrix) noLeak(t *testing.T, what, who string, r testenv.Response, path string, body any, except ...string) {
	t.Helper()
	sent := strings.ToLower(who + " " + path)
	if body != nil {
		b, _ := json.Marshal(body)
		sent += " " + strings.ToLower(string(b))
	}
	got := strings.ToLower(string(r.Body))
	for _, n := range m.needles {
		ln := strings.ToLower(n)
		if slices.Contains(except, n) || strings.Contains(sent, ln) {
			continue
		}
		if strings.Contains(got, ln) {
			m.leaks++
			t.Errorf("LEAK: %s: body carries %q: %s", what, n, r.Body)
		}
	}
}

// refused checks a refusal: its status, a problem body, and no leak.
func (m *matrix) refused(t *testing.T, what, who string, r testenv.Response, status int, path string, body any) {
	t.Helper()
	m.refusals++
	if r.Status != status {
		t.Errorf("%s = %d, want %d: %s", what, r.Status, status, r.Body)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("%s: Content-Type %q", what, r.Header.Get("Content-Type"))
	}
	m.noLeak(t, what, who, r, path, body)
}

// deny sends a request each of who must get 404 for, with no leak.
func (m *matrix) deny(t *testing.T, method, path string, body any, who ...string) {
	t.Helper()
	for _, w := range who {
		r := m.do(t, method, path, w, body)
		m.refused(t, fmt.Sprintf("%s %s as %s", method, path, w), w, r, http.StatusNotFound, path, body)
	}
}

// forbid sends a request each of who must get 403 for (they have access
// to the site or account, below the level the route needs), with no leak.
func (m *matrix) forbid(t *testing.T, method, path string, body any, who ...string) {
	t.Helper()
	for _, w := range who {
		r := m.do(t, method, path, w, body)
		m.refused(t, fmt.Sprintf("%s %s as %s", method, path, w), w, r, http.StatusForbidden, path, body)
	}
}

// expect sends a request of a right user and checks its status (one of
// want) and that a success has a JSON object body.
func (m *matrix) expect(t *testing.T, method, path, who string, body any, want ...int) testenv.Response {
	t.Helper()
	r := m.do(t, method, path, who, body)
	if !slices.Contains(want, r.Status) {
		t.Errorf("%s %s as %s = %d, want %v: %s", method, path, who, r.Status, want, r.Body)
		return r
	}
	if r.Status < 300 && r.Status != http.StatusNoContent {
		var v map[string]any
		if err := json.Unmarshal(r.Body, &v); err != nil {
			t.Errorf("%s %s as %s: body is not a JSON object: %s", method, path, who, r.Body)
		}
	}
	return r
}

// expand lists every concrete path of a route for site, one per
// combination of parameter values.
func expand(t *testing.T, key, site string) []map[string]string {
	t.Helper()
	_, path, _ := strings.Cut(key, " ")
	combos := []map[string]string{{"site": site}}
	for _, seg := range strings.Split(path, "/") {
		if !strings.HasPrefix(seg, ":") || seg == ":site" {
			continue
		}
		name := seg[1:]
		vals, ok := paramValues[name]
		if !ok {
			t.Errorf("route %s has path parameter :%s that the matrix has no values for: add them to paramValues", key, name)
			return nil
		}
		var next []map[string]string
		for _, c := range combos {
			for _, v := range vals {
				n := map[string]string{name: v}
				for k, x := range c {
					n[k] = x
				}
				next = append(next, n)
			}
		}
		combos = next
	}
	return combos
}

func fill(path string, params map[string]string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = params[s[1:]]
		}
	}
	return strings.Join(segs, "/")
}

// standing is a user's effective privileges on 300001.
type standing struct {
	email string
	p     models.Privileges
}

// standings lists everyone with access to 300001 but the Primary, with
// their effective privileges.
func standings(t *testing.T, a *testenv.App) []standing {
	t.Helper()
	var rows []struct {
		models.SiteAccess
		Email string
	}
	if err := a.Runtime.DB.Table("site_access").Select("site_access.*, users.email").
		Joins("JOIN users ON users.id = site_access.user_id").Joins("JOIN sites ON sites.id = site_access.site_id").
		Where("sites.site_number = ?", targetSite).Order("users.email").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	primaries := column(t, a.Runtime.DB, `SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id
		JOIN sites s ON s.id = c.site_id WHERE s.site_number = '`+targetSite+`' AND c.role = 'primary'`)
	var out []standing
	for _, r := range rows {
		if slices.Contains(primaries, r.Email) {
			continue
		}
		out = append(out, standing{r.Email, r.SiteAccess.Privileges()})
	}
	return out
}

// below picks up to three users of 300001 under the route's level, the
// closest to it first ("one level below"); none for routes that need only
// access to the site.
func below(all []standing, n api.Need) []string {
	if n.Level == models.LevelNone {
		return nil
	}
	var c []standing
	for _, s := range all {
		if s.p.Get(n.Tool) < n.Level {
			c = append(c, s)
		}
	}
	sort.SliceStable(c, func(i, j int) bool { return c[i].p.Get(n.Tool) > c[j].p.Get(n.Tool) })
	var out []string
	for i := 0; i < len(c) && i < 3; i++ {
		out = append(out, c[i].email)
	}
	return out
}
