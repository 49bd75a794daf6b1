package api_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"
)

// queryValid overrides, for a route, the valid value of a parameter it
// reads (the order queue's ?status= takes order statuses).
var queryValid = map[string]map[string]string{}

// queryReaders are the routes that read query parameters, with them.
var queryReaders = map[string][]string{
	"GET /v1/nominations":              {"as", "status"},
	"GET /v1/support-access-requests":  {"as", "status"},
	"GET /v1/sites/:site/audit":        {"limit", "before"},
	"GET /v1/accounts/:customer/audit": {"limit", "before"},
}

// TestStrangeQueryParametersAreRefused: ?status=, ?as=, ?limit= and
// ?before= carrying NUL, invalid UTF-8, control characters, 1e400, a
// number past int64 or a negative one. On the routes that read them the
// answer is a 400 problem naming the parameter; every other GET route of
// the route table, sent the same, never answers a 5xx. Nothing changes.
func TestStrangeQueryParametersAreRefused(t *testing.T) {
	t.Parallel()
	w := startStrangeWorld(t)
	routes := w.a.Runtime.API().Routes()
	for k := range queryReaders {
		if _, ok := routes[k]; !ok {
			t.Errorf("queryReaders has %s, which the server does not register", k)
		}
	}
	valid := map[string]string{"as": "approver", "status": "pending", "limit": "5", "before": "1000"}
	last := fingerprint(t, w.a)
	tried := 0
	for _, key := range sortedRoutes(routes) {
		method, _, _ := strings.Cut(key, " ")
		if method != "GET" {
			continue
		}
		who, roles := w.allowedCaller(t, key, routes[key])
		if who == "" {
			continue
		}
		tok := w.token(who, roles)
		path := w.pathWith(t, key, "", "")
		valid := maps.Clone(valid)
		maps.Copy(valid, queryValid[key])
		reads := map[string]bool{}
		for _, q := range queryReaders[key] {
			reads[q] = true
		}
		tried++
		t.Run(key, func(t *testing.T) {
			for _, q := range []string{"as", "status", "limit", "before"} {
				if r := send(w.a, "GET", path+"?"+q+"="+valid[q], tok, nil, strangeTimeout); r.Status != http.StatusOK {
					t.Errorf("GET %s?%s=%s as %s = %d, want 200: %s", path, q, valid[q], who, r.Status, clip(r.Body))
				}
				bads := append(strangeValues(valid[q]), "1e400", "-1", "99999999999999999999999", "%00%00%00")
				for _, bad := range bads {
					url := path + "?" + q + "=" + bad
					w.attempts++
					r := send(w.a, "GET", url, tok, nil, strangeTimeout)
					switch {
					case reads[q]:
						if msg := refusedStrangely(r, verdict{field: q}); msg != "" {
							t.Errorf("GET %s as %s: %s", clipText(url), who, msg)
						}
					case r.Status >= 500:
						t.Errorf("GET %s as %s (the route does not read ?%s) = %d: %s", clipText(url), who, q, r.Status, clip(r.Body))
					}
					now := fingerprint(t, w.a)
					if ch := changedTables(last, now); len(ch) > 0 {
						t.Errorf("GET %s as %s changed %v", clipText(url), who, ch)
					}
					last = now
				}
			}
		})
	}
	if tried < 10 {
		t.Errorf("only %d GET routes were tried", tried)
	}
	t.Logf("%d GET routes, %d strange queries", tried, w.attempts)
}
