package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStrangePathParametersAreRefusedOnEveryRoute (issue 8 item 2, path
// parameters): on every route of the server's route table that has path
// parameters, called by a user the route is meant for, each parameter in
// turn carries a NUL, invalid UTF-8 or a control character (CR/LF
// included), the other parameters valid. The answer is a 4xx
// problem+json, never a 5xx; a 400 names the parameter; nothing in the
// database changes. A route added later is tried without a change here (a
// parameter with a new name fails until strangeWorld.param gives it a
// value). Each GET route first answers 200 with the valid values, proving
// the caller is allowed on it.
func TestStrangePathParametersAreRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	w := startStrangeWorld(t)
	routes := w.a.Runtime.API().Routes()
	tried := 0
	for _, key := range sortedRoutes(routes) {
		names := paramNames(key)
		if len(names) == 0 {
			continue
		}
		method, _, _ := strings.Cut(key, " ")
		who, roles := w.allowedCaller(t, key, routes[key])
		if who == "" {
			continue
		}
		tok := w.token(who, roles)
		tried++
		t.Run(key, func(t *testing.T) {
			if method == "GET" {
				p := w.pathWith(t, key, "", "")
				if r := send(w.a, "GET", p, tok, nil, strangeTimeout); r.Status != http.StatusOK {
					t.Fatalf("GET %s as %s = %d, want 200 (the caller must be allowed on the route): %s", p, who, r.Status, clip(r.Body))
				}
			}
			for _, name := range names {
				for _, bad := range strangeValues(w.param(t, key, name)) {
					path := w.pathWith(t, key, name, bad)
					before := fingerprint(t, w.a)
					w.attempts++
					r := send(w.a, method, path, tok, bodyFor(key), strangeTimeout)
					if msg := refusedStrangely(r, verdict{field: name, any4xx: true}); msg != "" {
						t.Errorf("%s %s as %s (:%s = %q): %s", method, clipText(path), who, name, clipText(bad), msg)
					}
					if ch := changedTables(before, fingerprint(t, w.a)); len(ch) > 0 {
						t.Errorf("%s %s as %s changed %v", method, clipText(path), who, ch)
					}
				}
			}
		})
	}
	if tried < 15 {
		t.Errorf("only %d routes with path parameters were tried", tried)
	}
	t.Logf("%d routes with path parameters, %d strange requests", tried, w.attempts)
}
