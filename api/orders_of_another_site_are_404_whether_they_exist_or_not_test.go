package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pao/pao/models"
)

// TestOrdersOfAnotherSiteAre404WhetherTheyExistOrNot (SPEC B3, G6,
// docs/api.md): an order of a site the caller has no access to is a 404
// with the very body of a reference nobody used, on the order and on its
// confirmation in either form, so a guessed reference tells nothing;
// a malformed reference is a 404 too. The refusal names nothing of the
// other site.
func TestOrdersOfAnotherSiteAre404WhetherTheyExistOrNot(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	db := a.Runtime.DB
	acme, _ := orderFixture(t, db, "300001", models.OrderCompleted)
	frankfurt, _ := orderFixture(t, db, "300002", models.OrderAwaitingPO)
	unused := "ORD-2026-999999"

	// The problem without what differs per request.
	shape := func(r []byte, ref string) string {
		t.Helper()
		var m map[string]any
		if err := json.Unmarshal(r, &m); err != nil {
			t.Fatalf("not a problem: %s", r)
		}
		delete(m, "request_id")
		m["instance"] = strings.Replace(m["instance"].(string), ref, "REF", 1)
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, c := range []struct{ who, theirs, others string }{
		{alice, acme, frankfurt}, // 300001's Primary, 300002's order
		{heidi, frankfurt, acme}, // 300002's Primary, 300001's order
		{budi, "", acme},         // another customer's Primary
	} {
		for _, suffix := range []string{"", "/confirmation", "/confirmation.pdf"} {
			tok := tokenFor(a, c.who)
			if c.theirs != "" {
				if r := a.Do("GET", "/v1/orders/"+c.theirs+suffix, tok, nil); r.Status != http.StatusOK {
					t.Errorf("GET their own order %s%s as %s = %d %s", c.theirs, suffix, c.who, r.Status, r.Body)
				}
			}
			exists := a.Do("GET", "/v1/orders/"+c.others+suffix, tok, nil)
			assertProblem(t, exists, http.StatusNotFound, "not-found")
			missing := a.Do("GET", "/v1/orders/"+unused+suffix, tok, nil)
			assertProblem(t, missing, http.StatusNotFound, "not-found")
			if e, m := shape(exists.Body, c.others), shape(missing.Body, unused); e != m {
				t.Errorf("%s%s as %s: another site's order answers\n%s\nbut an unused reference\n%s", c.others, suffix, c.who, e, m)
			}
			for _, secret := range []string{"300001", "300002", "Acme", "Frankfurt", "1000001", "alice@", "heidi@"} {
				if strings.Contains(string(exists.Body), secret) {
					t.Errorf("%s%s as %s: the 404 names %q: %s", c.others, suffix, c.who, secret, exists.Body)
				}
			}
			for _, bad := range []string{"ord-2026-000001", "ORD-26-000001", "ORD-2026-00001", c.others + "x", "ORD-2026-0000000000001", "1"} {
				r := a.Do("GET", "/v1/orders/"+bad+suffix, tok, nil)
				assertProblem(t, r, http.StatusNotFound, "not-found")
			}
		}
	}
}
