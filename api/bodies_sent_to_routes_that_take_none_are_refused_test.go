package api_test

import (
	"strings"
	"testing"
)

// TestBodiesSentToRoutesThatTakeNoneAreRefused: the POST and PUT routes
// that act on their path alone (takesNoBody: withdrawing a request,
// following an account's cases) are sent strange bodies by the user they
// are meant for. docs/api.md says request bodies are strict (unknown
// fields are refused with 400 naming the field), so a body carrying a
// field, NUL, invalid UTF-8, duplicate keys or not being an object is a
// 4xx problem, never a 5xx, and the action is not taken. Without a body
// the route then works.
func TestBodiesSentToRoutesThatTakeNoneAreRefused(t *testing.T) {
	t.Parallel()
	w := startStrangeWorld(t)
	routes := w.a.Runtime.API().Routes()
	for k := range takesNoBody {
		if _, ok := routes[k]; !ok {
			t.Errorf("takesNoBody has %s, which the server does not register", k)
		}
	}
	attacks := []bodyAttack{
		{"a field", `{"reason":"changed my mind"}`, verdict{field: "reason"}},
		{"NUL", `{"reason":"a\u0000b"}`, verdict{field: "reason"}},
		{"invalid UTF-8", "{\"reason\":\"a\xffb\"}", verdict{field: "reason"}},
		{"duplicate keys", `{"reason":"a","reason":"b"}`, verdict{field: "reason"}},
		{"1e400", `{"n":1e400}`, verdict{field: "n"}},
		{"top-level array", `[]`, verdict{field: "body"}},
		{"arrays nested 100000 deep", nested(100000), verdict{field: "body"}},
		{"not JSON", "\x00\xff", verdict{field: "body"}},
	}
	last := fingerprint(t, w.a)
	for _, key := range sortedRoutes(routes) {
		if !takesNoBody[key] {
			continue
		}
		method, _, _ := strings.Cut(key, " ")
		who, roles := w.allowedCaller(t, key, routes[key])
		if who == "" {
			continue
		}
		tok := w.token(who, roles)
		path := w.pathWith(t, key, "", "")
		t.Run(key, func(t *testing.T) {
			taken := false
			for _, at := range attacks {
				w.attempts++
				r := send(w.a, method, path, tok, at.body, strangeTimeout)
				if r.Status >= 500 {
					t.Errorf("%s %s as %s, %s = %d (server error): %s", method, path, who, at.name, r.Status, clip(r.Body))
				} else if msg := refusedStrangely(r, at.want); msg != "" {
					t.Errorf("%s %s as %s, %s: %s", method, path, who, at.name, msg)
				}
				now := fingerprint(t, w.a)
				if ch := changedTables(last, now); len(ch) > 0 {
					t.Errorf("%s %s as %s, %s: changed %v (the action was taken; the other bodies would only meet its outcome)", method, path, who, at.name, ch)
					taken = true
					break
				}
				last = now
			}
			if !taken {
				if r := send(w.a, method, path, tok, nil, strangeTimeout); r.Status/100 != 2 {
					t.Errorf("%s %s as %s without a body = %d, want 2xx: %s", method, path, who, r.Status, clip(r.Body))
				}
			}
			w.settle(t)
			last = fingerprint(t, w.a)
		})
	}
	t.Logf("%d strange bodies to routes that take none", w.attempts)
}
