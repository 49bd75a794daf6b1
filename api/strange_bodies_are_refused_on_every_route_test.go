package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// baseBodies are valid bodies of the routes that take one, each accepted
// (or refused by a business rule, never by validation) when the route's
// allowed caller sends it on the strange world; the attacks change one
// thing at a time. A POST or PUT route of the route table that is in
// neither baseBodies nor takesNoBody fails the tests: a new route cannot
// ship without its strange bodies tried.
var baseBodies = map[string]func() jnode{
	"POST /v1/enrollments": func() jnode {
		return jobj("kind", "origin", "customer_number", "1000777", "customer_name", "Strange Input Ltd",
			"agreement_number", "2000777", "anniversary", "2027-03-01", "volume_level", "D",
			"site_number", "300777", "site_name", "Strange Input Austin", "country", "US", "currency", "USD",
			"primary_contact_email", "primary@strange-input.example.com")
	},
	"PUT /v1/sites/:site/contacts/:role": func() jnode { return jobj("email", erin) },
	"PUT /v1/sites/:site/users/:user/privileges": func() jnode {
		return jobj("privileges", jobj("software", "downloads", "reporting", "view"))
	},
	"POST /v1/nominations": func() jnode {
		return jobj("customer_number", "1000001", "site_number", "300001", "name", "Frank Newcomer", "email", frank,
			"company", "Newcomer Ltd", "phone", "+15125550100", "reason", "I run the Austin data platform team")
	},
	"POST /v1/nominations/:id/decision": func() jnode {
		return jobj("decision", "approve", "privileges", jobj("software", "downloads"), "reason", "welcome aboard")
	},
	"POST /v1/support-access-requests": func() jnode {
		return jobj("customer_number", "1000001", "name", "Henry Billing", "email", henry,
			"company", "Acme Corporation", "phone", "+15125550101", "reason", "I follow our billing cases")
	},
	"POST /v1/support-access-requests/:id/decision": func() jnode {
		return jobj("decision", "approve", "support_level", "basic", "reason", "welcome aboard")
	},
	"POST /v1/accounts/:customer/cases": func() jnode {
		return jobj("title", "Strange input probe", "description", "a case\nover two lines", "severity", 3)
	},
	"POST /v1/cases/:id/updates":            func() jnode { return jobj("body", "an update\nwith a second line") },
	"POST /v1/cases/:id/interested-parties": func() jnode { return jobj("email", alice) },
	"PUT /v1/accounts/:customer/support-users/:user": func() jnode {
		return jobj("support_level", "full")
	},
}

// takesNoBody are the POST and PUT routes that act on the path alone.
var takesNoBody = map[string]bool{
	"POST /v1/nominations/:id/withdraw":             true,
	"POST /v1/support-access-requests/:id/withdraw": true,
	"PUT /v1/accounts/:customer/case-following":     true,
}

// bodyFor is the valid body of a route (nil for a route without one).
func bodyFor(key string) any {
	if b, ok := baseBodies[key]; ok {
		return b().String()
	}
	return nil
}

// bodyAttack is one strange body and what its answer must name.
type bodyAttack struct {
	name string
	body string
	want verdict
}

// fieldAttacks change one field of base: NUL (escaped, alone and inside
// text, and as a raw byte), invalid UTF-8 (bytes FF FE, an overlong
// encoding, a UTF-16 surrogate), the key twice (same and different
// value), 1e400, arrays nested 2,000 deep, and (for text) a 600 KB value.
// Deeper nesting costs the server time and memory that grow with the
// square of the depth, so it has a test of its own
// (deeply_nested_bodies_are_refused_quickly_test.go).
func fieldAttacks(base jnode) []bodyAttack {
	var out []bodyAttack
	strs := map[string]bool{}
	for _, p := range base.stringFields("") {
		strs[p] = true
	}
	for _, p := range base.fields("") {
		// A field inside an object (privileges.software) may be named by
		// the object holding it (privileges); how precisely is the business
		// of TestATypeErrorInsideAnObjectNamesTheEntry.
		field := verdict{field: p, ancestors: true}
		inside := field
		malformed := verdict{field: p, ancestors: true, body: true} // not JSON any more: "body" will do
		out = append(out,
			bodyAttack{p + ": NUL escaped inside text", base.with(p, jraw(`"ab\u0000cd"`)).String(), field},
			bodyAttack{p + ": NUL escaped alone", base.with(p, jraw(`"\u0000"`)).String(), field},
			bodyAttack{p + ": NUL as a raw byte", base.with(p, jraw("\"ab\x00cd\"")).String(), malformed},
			bodyAttack{p + ": invalid UTF-8 (FF FE)", base.with(p, jraw("\"ab\xff\xfecd\"")).String(), inside},
			bodyAttack{p + ": invalid UTF-8 (overlong /)", base.with(p, jraw("\"\xc0\xafab\"")).String(), inside},
			bodyAttack{p + ": invalid UTF-8 (UTF-16 surrogate)", base.with(p, jraw("\"ab\xed\xa0\x80\"")).String(), inside},
			bodyAttack{p + ": duplicate key, same value", base.dup(p, base.at(p)).String(), field},
			bodyAttack{p + ": duplicate key, another value", base.dup(p, jstr("other")).String(), field},
			bodyAttack{p + ": 1e400", base.with(p, jraw("1e400")).String(), field},
			bodyAttack{p + ": -1e400", base.with(p, jraw("-1e400")).String(), field},
			bodyAttack{p + ": arrays nested 2000 deep", base.with(p, jraw(nested(2000))).String(), field},
		)
		if strs[p] {
			out = append(out, bodyAttack{p + ": 600 KB of text", base.with(p, jstr(strings.Repeat("a", 600<<10))).String(), field})
		}
	}
	return out
}

// wholeBodyAttacks are strange as a whole: no object, more than one, not
// JSON, or with strange keys of their own.
func wholeBodyAttacks(base jnode) []bodyAttack {
	b := base.String()
	body := verdict{field: "body"}
	return []bodyAttack{
		{"empty body", "", body},
		{"white space only", " \r\n\t ", body},
		{"top-level array", "[" + b + "]", body},
		{"top-level empty array", "[]", body},
		{"top-level null", "null", body},
		{"top-level string", `"` + strings.ReplaceAll(b, `"`, `\"`) + `"`, body},
		{"top-level 1e400", "1e400", body},
		{"top-level arrays nested 100000 deep", nested(100000), body},
		{"two objects", b + b, body},
		{"object then garbage", b + "x", body},
		{"truncated", b[:len(b)-1], body},
		{"byte order mark", "\xef\xbb\xbf" + b, body},
		{"a comment", "/* hi */" + b, body},
		{"NUL key", base.plus(`"a\u0000b"`, jstr("v")).String(), verdict{}},
		{"invalid UTF-8 key", base.plus("\"a\xffb\"", jstr("v")).String(), verdict{}},
		{"unknown key twice", base.plus(`"zz"`, jstr("1")).plus(`"zz"`, jstr("2")).String(), verdict{field: "zz"}},
		{"unknown key 1e400", base.plus(`"zz"`, jraw("1e400")).String(), verdict{field: "zz"}},
		{"unknown key, objects nested 2000 deep", base.plus(`"zz"`, jraw(nestedObjects(2000))).String(), verdict{field: "zz"}},
	}
}

// TestStrangeBodiesAreRefusedOnEveryRoute (issue 8 items 2 and 8's
// duplicate keys): every POST and PUT route of the route table that takes
// a body, called by a user it is meant for, with its valid body changed
// one field at a time (NUL, invalid UTF-8, duplicate keys, 1e400, deeply
// nested arrays, oversize text) and replaced as a whole (empty, a
// top-level array, not JSON). Each answer is a 4xx problem+json, never a
// 5xx; a field at fault is named (400); no table changes. Finally the
// valid body itself is sent and is not refused by validation, so the
// refusals were for what the attacks changed.
func TestStrangeBodiesAreRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	w := startStrangeWorld(t)
	routes := w.a.Runtime.API().Routes()
	for k := range baseBodies {
		if _, ok := routes[k]; !ok {
			t.Errorf("baseBodies has %s, which the server does not register", k)
		}
	}
	tried := 0
	last := fingerprint(t, w.a)
	for _, key := range sortedRoutes(routes) {
		method, _, _ := strings.Cut(key, " ")
		if method != "POST" && method != "PUT" || takesNoBody[key] {
			continue
		}
		mk, ok := baseBodies[key]
		if !ok {
			t.Errorf("route %s is not in baseBodies (nor in takesNoBody): give it a valid body so its strange bodies are tried", key)
			continue
		}
		who, roles := w.allowedCaller(t, key, routes[key])
		if who == "" {
			continue
		}
		tok := w.token(who, roles)
		path := w.pathWith(t, key, "", "")
		tried++
		t.Run(key, func(t *testing.T) {
			attacks := append(fieldAttacks(mk()), wholeBodyAttacks(mk())...)
			for _, at := range attacks {
				w.attempts++
				r := send(w.a, method, path, tok, at.body, strangeTimeout)
				if msg := refusedStrangely(r, at.want); msg != "" {
					t.Errorf("%s %s as %s, %s: %s", method, path, who, at.name, msg)
				}
				now := fingerprint(t, w.a)
				if ch := changedTables(last, now); len(ch) > 0 {
					t.Errorf("%s %s as %s, %s: changed %v", method, path, who, at.name, ch)
				}
				last = now
			}
			// The valid body passes validation (a business refusal is fine).
			r := send(w.a, method, path, tok, mk().String(), strangeTimeout)
			if r.Status == http.StatusBadRequest || r.Status >= 500 {
				t.Errorf("%s %s as %s with the valid body = %d, want it past validation: %s", method, path, who, r.Status, clip(r.Body))
			}
			w.settle(t)
			last = fingerprint(t, w.a)
		})
	}
	if tried < 10 {
		t.Errorf("only %d routes with bodies were tried", tried)
	}
	t.Logf("%d routes with bodies, %d strange bodies", tried, w.attempts)
}
