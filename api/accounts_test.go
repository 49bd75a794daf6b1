package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/pao/pao/api"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

// Demo personas (internal/seed).
const (
	alice = "alice@acme.example.com" // Primary of 300001
	bob   = "bob@acme.example.com"   // administrative + renewal of 300001
	carol = "carol@acme.example.com" // STC + media of 300001 (covered)
	dave  = "dave@acme.example.com"  // secondary of 300001
	grace = "grace@acme.example.com" // secondary, manage_access=update, not Primary
	henry = "henry@acme.example.com" // billing of 300001
	erin  = "erin@acme.example.com"  // plain user of 300001
	heidi = "heidi@acme.example.com" // Primary of 300002 only
	budi  = "budi@nusantara.example.com"
	solo  = "solo@brightwell.example.com" // only contact of 300302 (no coverage)
	frank = "frank@newcomer.example.com"  // no access anywhere
	ops   = "ops@ibm.example.com"         // token role ibm-ops

	acmeSite = "/v1/sites/300001"
)

// startSeeded starts the API alone on its own database and loads the demo
// dataset into it.
func startSeeded(t *testing.T) *testenv.App {
	t.Helper()
	a := testenv.StartApp(t, testenv.Options{NoWorker: true})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return a
}

// dbState is what a refused change must leave untouched.
type dbState struct {
	Contacts   []string
	Access     []string
	Audit      int64
	Users      int64
	Customers  int64
	Agreements int64
	Sites      int64
}

func column(t *testing.T, db *gorm.DB, query string) []string {
	t.Helper()
	var out []string
	if err := db.Raw(query).Scan(&out).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func count(t *testing.T, db *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func snapshot(t *testing.T, a *testenv.App) dbState {
	t.Helper()
	db := a.Runtime.DB
	return dbState{
		Contacts: column(t, db, `SELECT s.site_number || ' ' || c.role || ' ' || u.email FROM site_contacts c
			JOIN sites s ON s.id = c.site_id JOIN users u ON u.id = c.user_id ORDER BY 1`),
		Access: column(t, db, `SELECT s.site_number || ' ' || u.email || ' ' || x.software || x.reporting || x.entitlements ||
			x.manage_access || x.contact_update || x.documents FROM site_access x
			JOIN sites s ON s.id = x.site_id JOIN users u ON u.id = x.user_id ORDER BY 1`),
		Audit:      count(t, db, "audit_log"),
		Users:      count(t, db, "users"),
		Customers:  count(t, db, "customers"),
		Agreements: count(t, db, "agreements"),
		Sites:      count(t, db, "sites"),
	}
}

// tokenFor mints a token for a demo persona, with ops's staff role.
func tokenFor(a *testenv.App, email string) string {
	if email == ops {
		return a.Token(email, "ibm-ops")
	}
	return a.Token(email)
}

func assertUnchanged(t *testing.T, a *testenv.App, before dbState) {
	t.Helper()
	after := snapshot(t, a)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("a refused change changed state:\nbefore %+v\nafter  %+v", before, after)
	}
}

// refused sends a request that must be refused with status/slug (and rule
// and offending field when given) and leave the database as it was.
func refused(t *testing.T, a *testenv.App, method, path, email string, body any, status int, slug, rule, field string) api.Problem {
	t.Helper()
	before := snapshot(t, a)
	r := a.Do(method, path, tokenFor(a, email), body)
	p := assertProblem(t, r, status, slug)
	if rule != "" && p.Rule != rule {
		t.Errorf("%s %s: rule = %q, want %q (%s)", method, path, p.Rule, rule, r.Body)
	}
	if field != "" && !namesField(p, field) {
		t.Errorf("%s %s: problem does not name field %q: %s", method, path, field, r.Body)
	}
	assertUnchanged(t, a, before)
	return p
}

func namesField(p api.Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

// changes sends a request that must succeed with status and write exactly
// one audit row; it returns the response and that row.
func changes(t *testing.T, a *testenv.App, method, path, email string, body any, status int) (testenv.Response, models.AuditEntry) {
	t.Helper()
	before := count(t, a.Runtime.DB, "audit_log")
	r := a.Do(method, path, tokenFor(a, email), body)
	if r.Status != status {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, email, r.Status, status, r.Body)
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+1 {
		t.Fatalf("%s %s wrote %d audit rows, want exactly 1", method, path, after-before)
	}
	var e models.AuditEntry
	if err := a.Runtime.DB.Order("id DESC").Take(&e).Error; err != nil {
		t.Fatalf("last audit row: %v", err)
	}
	if e.Actor != email || e.Action == "" || e.RequestID == "" || e.RequestID != r.Header.Get("X-Request-ID") {
		t.Errorf("audit row %+v: want actor %s, an action and the request id %s", e, email, r.Header.Get("X-Request-ID"))
	}
	return r, e
}

func ok(t *testing.T, r testenv.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d: %s", r.Status, status, r.Body)
	}
}

type contactsBody struct {
	SiteNumber string `json:"site_number"`
	Contacts   []struct {
		Role  string `json:"role"`
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"contacts"`
}

// holders lists a site's contacts by role, as the API shows them.
func holders(t *testing.T, a *testenv.App, site, as string) map[string][]string {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site+"/contacts", a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b contactsBody
	r.JSON(t, &b)
	if b.SiteNumber != site {
		t.Fatalf("contacts of %s name site %q", site, b.SiteNumber)
	}
	out := map[string][]string{}
	for _, c := range b.Contacts {
		out[c.Role] = append(out[c.Role], c.Email)
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}

type siteBody struct {
	SiteNumber      string `json:"site_number"`
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	CustomerNumber  string `json:"customer_number"`
	AgreementNumber string `json:"agreement_number"`
	You             struct {
		Primary    bool              `json:"primary"`
		Privileges map[string]string `json:"privileges"`
	} `json:"you"`
}

func getSite(t *testing.T, a *testenv.App, site, as string) siteBody {
	t.Helper()
	r := a.Do("GET", "/v1/sites/"+site, a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b siteBody
	r.JSON(t, &b)
	return b
}

type meBody struct {
	Email string `json:"email"`
	Sites []struct {
		SiteNumber     string            `json:"site_number"`
		CustomerNumber string            `json:"customer_number"`
		ContactRoles   []string          `json:"contact_roles"`
		Privileges     map[string]string `json:"privileges"`
		Primary        bool              `json:"primary"`
	} `json:"sites"`
}

func me(t *testing.T, a *testenv.App, as string) meBody {
	t.Helper()
	r := a.Do("GET", "/v1/me", a.Token(as), nil)
	ok(t, r, http.StatusOK)
	var b meBody
	r.JSON(t, &b)
	return b
}

func userID(t *testing.T, a *testenv.App, email string) int64 {
	t.Helper()
	var u models.User
	if err := a.Runtime.DB.Where("email = ?", email).Take(&u).Error; err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u.ID
}

// jsonEq compares an audit column with the JSON of want.
func jsonEq(t *testing.T, what string, got models.JSON, want any) {
	t.Helper()
	var g, w any
	if len(got) == 0 {
		g = nil
	} else if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	wb, _ := json.Marshal(want)
	_ = json.Unmarshal(wb, &w)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s = %s, want %s", what, got, wb)
	}
}

func contact(email string) map[string]string { return map[string]string{"email": email} }

func privs(kv ...string) map[string]any {
	p := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = kv[i+1]
	}
	return map[string]any{"privileges": p}
}

// A4: the Primary Contact is moved, never removed.
func TestPrimaryContactIsMovedNeverRemoved(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)

	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+alice, alice, nil, http.StatusConflict, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+bob, alice, nil, http.StatusConflict, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+alice, alice, nil, http.StatusConflict, "conflict", "A4", "")
	// grace holds contact update at view only.
	refused(t, a, "PUT", acmeSite+"/contacts/primary", grace, contact(grace), http.StatusForbidden, "forbidden", "", "")
	refused(t, a, "PUT", acmeSite+"/contacts/primary", alice, contact(alice), http.StatusConflict, "conflict", "A2", "")

	_, e := changes(t, a, "PUT", acmeSite+"/contacts/primary", alice, contact(bob), http.StatusOK)
	if e.Action != "contact.move_primary" || e.ObjectType != "site_contact" || e.ObjectID != "primary" {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"role": "primary", "user_ids": []int64{userID(t, a, alice)}})
	jsonEq(t, "after", e.After, map[string]any{"role": "primary", "user_ids": []int64{userID(t, a, bob)}, "assigned": bob})

	h := holders(t, a, "300001", bob)
	if !reflect.DeepEqual(h["primary"], []string{bob}) {
		t.Fatalf("primary holders after the move = %v, want [bob]", h["primary"])
	}
	if s := getSite(t, a, "300001", alice); s.You.Primary {
		t.Error("alice is still Primary after the move")
	}
	if s := getSite(t, a, "300001", bob); !s.You.Primary || s.You.Privileges["account_management"] != "held" {
		t.Errorf("bob after the move: %+v", s.You)
	}
	// The move is in the audit listing, newest first.
	r := a.Do("GET", acmeSite+"/audit", a.Token(bob), nil)
	ok(t, r, http.StatusOK)
	var audit struct {
		Entries []struct {
			Actor  string `json:"actor"`
			Action string `json:"action"`
		} `json:"entries"`
	}
	r.JSON(t, &audit)
	if len(audit.Entries) == 0 || audit.Entries[0].Action != "contact.move_primary" || audit.Entries[0].Actor != alice {
		t.Errorf("audit listing = %s", r.Body)
	}

	// The new Primary cannot be removed either, nor can the old one
	// (who no longer holds the role) take it back by deleting it.
	refused(t, a, "DELETE", acmeSite+"/contacts/primary/"+bob, bob, nil, http.StatusConflict, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+bob, bob, nil, http.StatusConflict, "conflict", "A4", "")
}

// A2: at most four secondary contacts.
func TestAtMostFourSecondaryContacts(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{dave, grace}) {
		t.Fatalf("seed secondaries = %v", h["secondary"])
	}
	for _, who := range []string{erin, henry} {
		_, e := changes(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(who), http.StatusOK)
		if e.Action != "contact.assign" || e.ObjectID != "secondary" {
			t.Errorf("audit row %+v", e)
		}
	}
	if h := holders(t, a, "300001", alice); len(h["secondary"]) != 4 {
		t.Fatalf("secondaries = %v, want 4", h["secondary"])
	}
	p := refused(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(bob), http.StatusConflict, "conflict", "A2", "")
	if !strings.Contains(p.Detail, "4") {
		t.Errorf("detail %q does not say the limit", p.Detail)
	}
	refused(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(frank), http.StatusConflict, "conflict", "A2", "")
	// Already a secondary: refused as such, not as a 5th.
	refused(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(dave), http.StatusConflict, "conflict", "A2", "")

	// Freeing a slot lets the next one in.
	changes(t, a, "DELETE", acmeSite+"/contacts/secondary/"+erin, alice, nil, http.StatusOK)
	changes(t, a, "PUT", acmeSite+"/contacts/secondary", alice, contact(bob), http.StatusOK)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{bob, dave, grace, henry}) {
		t.Fatalf("secondaries = %v", h["secondary"])
	}
	// erin lost the role but not her access.
	getSite(t, a, "300001", erin)
}

// A3: a site with current S&S coverage keeps its STC.
func TestTechnicalContactKeptWhileCovered(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)

	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+carol, alice, nil, http.StatusConflict, "conflict", "A3", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, http.StatusConflict, "conflict", "A3", "")
	// Same on the additional site (carol is its STC too, and it is covered).
	refused(t, a, "DELETE", "/v1/sites/300002/contacts/technical/"+carol, heidi, nil, http.StatusConflict, "conflict", "A3", "")

	// Moving the role is allowed.
	_, e := changes(t, a, "PUT", acmeSite+"/contacts/technical", alice, contact(dave), http.StatusOK)
	if e.Action != "contact.assign" || e.ObjectID != "technical" {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"role": "technical", "user_ids": []int64{userID(t, a, carol)}})
	jsonEq(t, "after", e.After, map[string]any{"role": "technical", "user_ids": []int64{userID(t, a, dave)}, "assigned": dave})
	h := holders(t, a, "300001", alice)
	if !reflect.DeepEqual(h["technical"], []string{dave}) || !reflect.DeepEqual(h["media"], []string{carol}) {
		t.Fatalf("contacts after moving the STC: %v", h)
	}
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+dave, alice, nil, http.StatusConflict, "conflict", "A3", "")
	// carol is no longer the STC: her access can now be revoked.
	changes(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, http.StatusNoContent)

	// A site without coverage may be left without an STC.
	const tech = "tech@brightwell.example.com"
	changes(t, a, "PUT", "/v1/sites/300302/contacts/technical", solo, contact(tech), http.StatusOK)
	if h := holders(t, a, "300302", solo); !reflect.DeepEqual(h["technical"], []string{tech}) {
		t.Fatalf("300302 contacts: %v", h)
	}
	_, e = changes(t, a, "DELETE", "/v1/sites/300302/contacts/technical/"+tech, solo, nil, http.StatusOK)
	if e.Action != "contact.remove" {
		t.Errorf("audit row %+v", e)
	}
	if h := holders(t, a, "300302", solo); len(h["technical"]) != 0 {
		t.Fatalf("300302 still has an STC: %v", h)
	}
	// The STC of an uncovered site can also lose their access altogether.
	changes(t, a, "PUT", "/v1/sites/300302/contacts/technical", solo, contact(tech), http.StatusOK)
	changes(t, a, "DELETE", "/v1/sites/300302/users/"+tech, solo, nil, http.StatusNoContent)
}

func TestContactChangesAreValidated(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	cases := []struct {
		name, method, path string
		body               any
		status             int
		slug, rule, field  string
	}{
		{"role already held (media)", "PUT", "/contacts/media", contact(carol), 409, "conflict", "A2", ""},
		{"role already held (billing, other case)", "PUT", "/contacts/billing", contact("Henry@Acme.Example.com"), 409, "conflict", "A2", ""},
		{"role already held (secondary)", "PUT", "/contacts/secondary", contact(grace), 409, "conflict", "A2", ""},
		{"role already held (primary)", "PUT", "/contacts/primary", contact(alice), 409, "conflict", "A2", ""},
		{"unknown role", "PUT", "/contacts/owner", contact(erin), 400, "validation", "", "role"},
		{"account_management is no role", "PUT", "/contacts/account_management", contact(erin), 400, "validation", "", "role"},
		{"bad email", "PUT", "/contacts/billing", contact("not-an-email"), 400, "validation", "", "email"},
		{"display-name email", "PUT", "/contacts/billing", contact("Erin <erin@acme.example.com>"), 400, "validation", "", "email"},
		{"missing email", "PUT", "/contacts/billing", map[string]any{}, 400, "validation", "", "email"},
		{"email not a string", "PUT", "/contacts/billing", map[string]any{"email": 5}, 400, "validation", "", "email"},
		{"unknown field (mass assignment)", "PUT", "/contacts/billing", map[string]any{"email": "x@y.z", "site_id": 5}, 400, "validation", "", "site_id"},
		{"unknown field user_id", "PUT", "/contacts/secondary", map[string]any{"email": erin, "user_id": 1}, 400, "validation", "", "user_id"},
		{"no body", "PUT", "/contacts/billing", nil, 400, "validation", "", "body"},
		{"malformed body", "PUT", "/contacts/billing", `{"email":`, 400, "validation", "", "body"},
		{"two objects", "PUT", "/contacts/billing", `{"email":"erin@acme.example.com"}{}`, 400, "validation", "", "body"},
		{"delete unknown role", "DELETE", "/contacts/owner/" + carol, nil, 400, "validation", "", "role"},
		{"delete bad email", "DELETE", "/contacts/media/not-an-email", nil, 400, "validation", "", "email"},
		{"delete a role not held", "DELETE", "/contacts/billing/" + erin, nil, 422, "rule-violation", "A2", ""},
		{"delete a role of an unknown user", "DELETE", "/contacts/billing/nobody@nowhere.example.com", nil, 422, "rule-violation", "A2", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			refused(t, a, c.method, acmeSite+c.path, alice, c.body, c.status, c.slug, c.rule, c.field)
		})
	}
	t.Run("contact update at view is not enough", func(t *testing.T) {
		refused(t, a, "PUT", acmeSite+"/contacts/billing", grace, contact(erin), 403, "forbidden", "", "")
		refused(t, a, "DELETE", acmeSite+"/contacts/billing/"+henry, grace, nil, 403, "forbidden", "", "")
		r := a.Do("GET", acmeSite+"/contacts", a.Token(grace), nil)
		ok(t, r, http.StatusOK)
	})
	t.Run("no contact update at all", func(t *testing.T) {
		refused(t, a, "GET", acmeSite+"/contacts", erin, nil, 403, "forbidden", "", "")
		refused(t, a, "PUT", acmeSite+"/contacts/billing", erin, contact(erin), 403, "forbidden", "", "")
	})
}

// B1–B2: privileges.
func TestPrivilegeGrants(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	path := func(email string) string { return acmeSite + "/users/" + email + "/privileges" }

	t.Run("the Primary grants access", func(t *testing.T) {
		refused(t, a, "GET", acmeSite, frank, nil, 404, "not-found", "", "")
		r, e := changes(t, a, "PUT", path(frank), alice, privs("software", "downloads", "reporting", "view"), http.StatusOK)
		if e.Action != "privileges.set" || e.ObjectType != "site_access" || e.ObjectID != frank {
			t.Errorf("audit row %+v", e)
		}
		want := map[string]string{"software": "downloads", "reporting": "view", "entitlements": "none",
			"manage_access": "none", "contact_update": "none", "documents": "none"}
		jsonEq(t, "before", e.Before, nil)
		jsonEq(t, "after", e.After, want)
		var u struct {
			Email      string            `json:"email"`
			Primary    bool              `json:"primary"`
			Privileges map[string]string `json:"privileges"`
		}
		r.JSON(t, &u)
		if u.Email != frank || u.Primary || !reflect.DeepEqual(u.Privileges, want) {
			t.Errorf("response %s", r.Body)
		}
		m := me(t, a, frank)
		if len(m.Sites) != 1 || m.Sites[0].SiteNumber != "300001" || !reflect.DeepEqual(m.Sites[0].Privileges, want) || m.Sites[0].Primary {
			t.Fatalf("frank's /v1/me = %+v", m)
		}
		if s := getSite(t, a, "300001", frank); !reflect.DeepEqual(s.You.Privileges, want) {
			t.Errorf("frank on 300001: %+v", s.You)
		}
		// Changing again records before and after.
		_, e = changes(t, a, "PUT", path(frank), alice, privs("software", "full"), http.StatusOK)
		jsonEq(t, "before", e.Before, want)
	})

	t.Run("grace grants up to her own levels", func(t *testing.T) {
		full := privs("software", "full", "reporting", "view", "entitlements", "view", "documents", "view")
		changes(t, a, "PUT", path(erin), grace, full, http.StatusOK)
		r := a.Do("GET", path(erin), a.Token(grace), nil)
		ok(t, r, http.StatusOK)
		if !strings.Contains(string(r.Body), `"software":"full"`) || !strings.Contains(string(r.Body), `"entitlements":"view"`) {
			t.Errorf("erin's privileges: %s", r.Body)
		}
		changes(t, a, "PUT", path(erin), grace, privs("software", "downloads"), http.StatusOK)
	})

	t.Run("grace is bounded by B2", func(t *testing.T) {
		for name, body := range map[string]any{
			"manage_access view":     privs("software", "downloads", "manage_access", "view"),
			"manage_access update":   privs("manage_access", "update"),
			"contact_update view":    privs("software", "downloads", "contact_update", "view"),
			"contact_update update":  privs("contact_update", "update"),
			"entitlements above her": privs("software", "downloads", "entitlements", "update"),
		} {
			t.Run(name, func(t *testing.T) {
				refused(t, a, "PUT", path(erin), grace, body, 403, "forbidden", "B2", "")
				refused(t, a, "PUT", path("newbie@acme.example.com"), grace, body, 403, "forbidden", "B2", "")
			})
		}
		// Nor may grace raise herself.
		refused(t, a, "PUT", path(grace), grace, privs("software", "full", "reporting", "view", "entitlements", "update",
			"manage_access", "update", "contact_update", "view", "documents", "view"), 403, "forbidden", "B2", "")
	})

	t.Run("without manage access update", func(t *testing.T) {
		for _, who := range []string{erin, dave, carol, bob, henry} {
			refused(t, a, "PUT", path(dave), who, privs("software", "downloads"), 403, "forbidden", "", "")
		}
		refused(t, a, "GET", path(dave), erin, nil, 403, "forbidden", "", "")
	})

	t.Run("nobody changes the Primary's privileges", func(t *testing.T) {
		refused(t, a, "PUT", path(alice), alice, privs("software", "downloads"), 409, "conflict", "B2", "")
		refused(t, a, "PUT", path(alice), grace, privs("software", "downloads"), 409, "conflict", "B2", "")
		refused(t, a, "PUT", path("Alice@Acme.Example.com"), alice, privs("software", "full"), 409, "conflict", "B2", "")
	})

	t.Run("validation", func(t *testing.T) {
		cases := map[string]struct {
			body  any
			field string
		}{
			"unknown tool":          {privs("admin", "view"), "privileges.admin"},
			"unknown level":         {privs("software", "superuser"), "privileges.software"},
			"level of another tool": {privs("reporting", "update"), "privileges.reporting"},
			"account_management":    {privs("account_management", "update"), "privileges.account_management"},
			"account_management held": {privs("software", "downloads", "account_management", "held"),
				"privileges.account_management"},
			"missing privileges": {map[string]any{}, "privileges"},
			"mass assignment":    {map[string]any{"privileges": map[string]string{"software": "full"}, "site_id": 5}, "site_id"},
			"level not a string": {map[string]any{"privileges": map[string]any{"software": 3}}, "privileges"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				refused(t, a, "PUT", path(erin), alice, c.body, 400, "validation", "", c.field)
			})
		}
		refused(t, a, "PUT", acmeSite+"/users/not-an-email/privileges", alice, privs("software", "downloads"), 400, "validation", "", "user")
	})
}

func TestRevokeAccess(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	erinToken := a.Token(erin)

	ok(t, a.Do("GET", acmeSite, erinToken, nil), http.StatusOK)
	_, e := changes(t, a, "DELETE", acmeSite+"/users/"+erin, alice, nil, http.StatusNoContent)
	if e.Action != "access.revoke" || e.ObjectID != erin {
		t.Errorf("audit row %+v", e)
	}
	jsonEq(t, "before", e.Before, map[string]any{"roles": []string{}, "privileges": map[string]string{
		"software": "downloads", "reporting": "none", "entitlements": "none", "manage_access": "none",
		"contact_update": "none", "documents": "none"}})
	// The same, still valid token stops working for the site at once.
	r := a.Do("GET", acmeSite, erinToken, nil)
	assertProblem(t, r, http.StatusNotFound, "not-found")
	if m := me(t, a, erin); len(m.Sites) != 0 {
		t.Errorf("erin still lists sites: %+v", m.Sites)
	}
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, erin, nil, 404, "not-found", "", "")

	refused(t, a, "DELETE", acmeSite+"/users/"+alice, alice, nil, 409, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+alice, grace, nil, 409, "conflict", "A4", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+carol, alice, nil, 409, "conflict", "A3", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+frank, alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+erin, alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/nobody@nowhere.example.com", alice, nil, 404, "not-found", "", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+heidi, alice, nil, 404, "not-found", "", "") // heidi is on 300002 only
	refused(t, a, "DELETE", acmeSite+"/users/not-an-email", alice, nil, 400, "validation", "", "user")
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, dave, nil, 403, "forbidden", "", "")

	// grace (not Primary) cannot revoke someone holding manage access or
	// contact update, herself included.
	changes(t, a, "PUT", acmeSite+"/users/"+dave+"/privileges", alice,
		privs("software", "downloads", "reporting", "view", "entitlements", "view", "contact_update", "view"), http.StatusOK)
	refused(t, a, "DELETE", acmeSite+"/users/"+dave, grace, nil, 403, "forbidden", "B2", "")
	refused(t, a, "DELETE", acmeSite+"/users/"+grace, grace, nil, 403, "forbidden", "B2", "")
	// grace has no contact_update: she cannot strip henry's billing role by
	// revoking him; the Primary can, and the role goes too.
	refused(t, a, "DELETE", acmeSite+"/users/"+henry, grace, nil, 403, "forbidden", "B2", "")
	_, e = changes(t, a, "DELETE", acmeSite+"/users/"+henry, alice, nil, http.StatusNoContent)
	jsonEq(t, "before.roles", mustField(t, e.Before, "roles"), []string{"billing"})
	if h := holders(t, a, "300001", alice); len(h["billing"]) != 0 {
		t.Errorf("henry is still billing contact: %v", h)
	}
	// The Primary may revoke dave.
	changes(t, a, "DELETE", acmeSite+"/users/"+dave, alice, nil, http.StatusNoContent)
	if h := holders(t, a, "300001", alice); !reflect.DeepEqual(h["secondary"], []string{grace}) {
		t.Errorf("secondaries after revoking dave: %v", h["secondary"])
	}
}

func mustField(t *testing.T, j models.JSON, key string) models.JSON {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(j, &m); err != nil {
		t.Fatalf("%s: %v", j, err)
	}
	return models.JSON(m[key])
}

type auditPage struct {
	Entries []struct {
		ID     int64           `json:"id"`
		At     time.Time       `json:"at"`
		Actor  string          `json:"actor"`
		Action string          `json:"action"`
		Before json.RawMessage `json:"before"`
		After  json.RawMessage `json:"after"`
	} `json:"entries"`
	Next string `json:"next"`
}

func TestAuditTrail(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	steps := []struct {
		method, path, as string
		body             any
		status           int
		action           string
	}{
		{"PUT", "/contacts/secondary", alice, contact(erin), 200, "contact.assign"},
		{"PUT", "/users/" + frank + "/privileges", grace, privs("software", "downloads"), 200, "privileges.set"},
		{"DELETE", "/contacts/secondary/" + erin, alice, nil, 200, "contact.remove"},
		{"PUT", "/contacts/billing", alice, contact(bob), 200, "contact.assign"},
		{"DELETE", "/users/" + frank, grace, nil, 204, "access.revoke"},
	}
	for _, s := range steps {
		_, e := changes(t, a, s.method, acmeSite+s.path, s.as, s.body, s.status)
		if e.Action != s.action {
			t.Errorf("%s %s: action %q, want %q", s.method, s.path, e.Action, s.action)
		}
		if s.action != "access.revoke" && s.action != "contact.remove" && len(e.After) == 0 {
			t.Errorf("%s: no after state", s.action)
		}
		if s.action != "privileges.set" && len(e.Before) == 0 {
			t.Errorf("%s: no before state", s.action)
		}
	}
	// A change on another site is not listed for 300001.
	changes(t, a, "PUT", "/v1/sites/300002/contacts/secondary", heidi, contact(bob), 200)

	var want []int64
	if err := a.Runtime.DB.Model(&models.AuditEntry{}).Joins("JOIN sites ON sites.id = audit_log.site_id").
		Where("sites.site_number = ?", "300001").Order("audit_log.id DESC").Pluck("audit_log.id", &want).Error; err != nil {
		t.Fatal(err)
	}
	if len(want) != len(steps) {
		t.Fatalf("300001 has %d audit rows, want %d", len(want), len(steps))
	}

	var got []int64
	var actions []string
	next, pages := acmeSite+"/audit?limit=2", 0
	for next != "" {
		if pages++; pages > 10 {
			t.Fatal("pagination does not end")
		}
		r := a.Do("GET", next, a.Token(grace), nil)
		ok(t, r, http.StatusOK)
		var p auditPage
		r.JSON(t, &p)
		if len(p.Entries) > 2 {
			t.Fatalf("page of %d entries with limit=2", len(p.Entries))
		}
		for _, e := range p.Entries {
			got = append(got, e.ID)
			actions = append(actions, e.Action)
			if e.Actor == "" || e.At.IsZero() {
				t.Errorf("entry %+v lacks actor or time", e)
			}
		}
		if p.Next != "" && !strings.HasPrefix(p.Next, acmeSite+"/audit?") {
			t.Fatalf("next = %q", p.Next)
		}
		next = p.Next
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("paginated ids %v, want %v (newest first)", got, want)
	}
	wantActions := []string{"access.revoke", "contact.assign", "contact.remove", "privileges.set", "contact.assign"}
	if !reflect.DeepEqual(actions, wantActions) {
		t.Errorf("actions %v, want %v", actions, wantActions)
	}

	for _, q := range []string{"limit=0", "limit=201", "limit=x", "before=-1"} {
		refused(t, a, "GET", acmeSite+"/audit?"+q, alice, nil, 400, "validation", "", strings.Split(q, "=")[0])
	}
	// The audit needs manage access view.
	refused(t, a, "GET", acmeSite+"/audit", erin, nil, 403, "forbidden", "", "")
}

func TestEnrollments(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	origin := map[string]any{
		"kind": "origin", "customer_number": "1000900", "customer_name": "Zenith Ltd", "agreement_number": "2000900",
		"anniversary": "2027-01-31", "volume_level": "D", "site_number": "300900", "site_name": "Zenith HQ",
		"country": "GB", "currency": "GBP", "primary_contact_email": "Zoe@Zenith.example.com",
	}
	additional := map[string]any{
		"kind": "additional", "agreement_number": "2000001", "site_number": "300003", "site_name": "Acme Tokyo",
		"country": "JP", "currency": "JPY", "primary_contact_email": "yuki@acme.example.com",
	}
	express := map[string]any{
		"kind": "express", "customer_number": "1000901", "customer_name": "Kedai Kopi", "site_number": "400900",
		"site_name": "Kedai Kopi Ubud", "country": "ID", "currency": "IDR", "primary_contact_email": "wayan@kedai.example.com",
	}
	with := func(m map[string]any, kv ...any) map[string]any {
		out := map[string]any{}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(out, kv[i].(string))
			} else {
				out[kv[i].(string)] = kv[i+1]
			}
		}
		return out
	}

	t.Run("non-staff do not see the route", func(t *testing.T) {
		for _, who := range []string{frank, alice, grace, heidi} {
			refused(t, a, "POST", "/v1/enrollments", who, origin, 404, "not-found", "", "")
		}
		before := snapshot(t, a)
		assertProblem(t, a.Do("POST", "/v1/enrollments", a.Token("sales@ibm.example.com", "sales-rep"), origin), 404, "not-found")
		assertUnchanged(t, a, before)
	})

	t.Run("validation", func(t *testing.T) {
		cases := map[string]struct {
			body  any
			field string
		}{
			"missing site_number":          {with(origin, "site_number", nil), "site_number"},
			"site_number not digits":       {with(origin, "site_number", "30A900"), "site_number"},
			"country not two letters":      {with(origin, "country", "GBR"), "country"},
			"country lower case":           {with(origin, "country", "gb"), "country"},
			"currency":                     {with(origin, "currency", "pounds"), "currency"},
			"express with agreement":       {with(express, "agreement_number", "2000901"), "agreement_number"},
			"unknown kind":                 {with(origin, "kind", "branch"), "kind"},
			"origin without anniversary":   {with(origin, "anniversary", nil), "anniversary"},
			"bad anniversary":              {with(origin, "anniversary", "31/01/2027"), "anniversary"},
			"bad volume level":             {with(origin, "volume_level", "Z"), "volume_level"},
			"origin without agreement":     {with(origin, "agreement_number", nil), "agreement_number"},
			"additional without agreement": {with(additional, "agreement_number", nil), "agreement_number"},
			"express without customer":     {with(express, "customer_number", nil), "customer_number"},
			"bad primary email":            {with(origin, "primary_contact_email", "zoe"), "primary_contact_email"},
			"mass assignment":              {with(origin, "site_id", 5), "site_id"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				refused(t, a, "POST", "/v1/enrollments", ops, c.body, 400, "validation", "", c.field)
			})
		}
	})

	enroll := func(t *testing.T, body map[string]any, site, primary, kind, customer, agreement string) {
		t.Helper()
		before := snapshot(t, a)
		r := a.Do("POST", "/v1/enrollments", tokenFor(a, ops), body)
		ok(t, r, http.StatusCreated)
		if loc := r.Header.Get("Location"); loc != "/v1/sites/"+site {
			t.Errorf("Location = %q", loc)
		}
		after := snapshot(t, a)
		if after.Audit != before.Audit+1 || after.Sites != before.Sites+1 {
			t.Errorf("enrolment wrote %d audit rows and %d sites", after.Audit-before.Audit, after.Sites-before.Sites)
		}
		var e models.AuditEntry
		if err := a.Runtime.DB.Order("id DESC").Take(&e).Error; err != nil {
			t.Fatal(err)
		}
		if e.Action != "enrollment.create" || e.Actor != ops || e.ObjectID != site {
			t.Errorf("audit row %+v", e)
		}
		s := getSite(t, a, site, primary)
		if s.SiteNumber != site || s.Kind != kind || s.CustomerNumber != customer || s.AgreementNumber != agreement || !s.You.Primary {
			t.Errorf("new site as its Primary: %+v", s)
		}
		if h := holders(t, a, site, primary); !reflect.DeepEqual(h, map[string][]string{"primary": {primary}}) {
			t.Errorf("contacts of the new site: %v", h)
		}
		// The new Primary has no access to anything else.
		assertProblem(t, a.Do("GET", acmeSite, a.Token(primary), nil), 404, "not-found")
		// And nobody else has access to the new site.
		assertProblem(t, a.Do("GET", "/v1/sites/"+site, a.Token(alice), nil), 404, "not-found")
	}

	t.Run("origin", func(t *testing.T) {
		enroll(t, origin, "300900", "zoe@zenith.example.com", "origin", "1000900", "2000900")
	})
	t.Run("additional", func(t *testing.T) {
		enroll(t, additional, "300003", "yuki@acme.example.com", "additional", "1000001", "2000001")
	})
	t.Run("express", func(t *testing.T) {
		enroll(t, express, "400900", "wayan@kedai.example.com", "express", "1000901", "")
	})

	t.Run("duplicates", func(t *testing.T) {
		cases := map[string]map[string]any{
			"same origin again":         origin,
			"existing customer":         with(origin, "customer_number", "1000001", "agreement_number", "2000950", "site_number", "300950"),
			"existing agreement":        with(origin, "customer_number", "1000950", "agreement_number", "2000001", "site_number", "300950"),
			"existing site (origin)":    with(origin, "customer_number", "1000950", "agreement_number", "2000950", "site_number", "300001"),
			"existing site (addition)":  with(additional, "site_number", "300002"),
			"same additional again":     additional,
			"same express again":        express,
			"express existing customer": with(express, "customer_number", "1000002", "site_number", "400950"),
		}
		for name, body := range cases {
			t.Run(name, func(t *testing.T) {
				refused(t, a, "POST", "/v1/enrollments", ops, body, 409, "conflict", "A1", "")
			})
		}
	})
	t.Run("additional on an unknown agreement", func(t *testing.T) {
		refused(t, a, "POST", "/v1/enrollments", ops, with(additional, "agreement_number", "2999999", "site_number", "300951"),
			422, "rule-violation", "A1", "")
	})
}

// Concurrent additions never exceed four secondary contacts (A2), and every
// refusal is a clean 409, not a 500.
func TestConcurrentSecondaryContacts(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	before := count(t, a.Runtime.DB, "audit_log")
	const n = 8
	statuses := make(chan int, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			r := a.Do("PUT", acmeSite+"/contacts/secondary", a.Token(alice), contact(fmt.Sprintf("helper%d@acme.example.com", i)))
			statuses <- r.Status
		}(i)
	}
	got := map[int]int{}
	for i := 0; i < n; i++ {
		got[<-statuses]++
	}
	if got[http.StatusOK] != 2 || got[http.StatusConflict] != n-2 {
		t.Errorf("statuses %v, want 2 × 200 and %d × 409", got, n-2)
	}
	if h := holders(t, a, "300001", alice); len(h["secondary"]) != 4 {
		t.Errorf("secondaries %v, want 4", h["secondary"])
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+2 {
		t.Errorf("%d audit rows for 2 changes", after-before)
	}
}

// Concurrent moves of the Primary leave exactly one (A2, A4).
func TestConcurrentPrimaryMoves(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	before := count(t, a.Runtime.DB, "audit_log")
	to := []string{bob, carol, dave, henry, erin}
	statuses := make(chan int, len(to))
	for _, who := range to {
		go func(who string) {
			statuses <- a.Do("PUT", acmeSite+"/contacts/primary", a.Token(alice), contact(who)).Status
		}(who)
	}
	oks := 0
	for range to {
		switch s := <-statuses; s {
		case http.StatusOK:
			oks++
		case http.StatusForbidden, http.StatusConflict:
		default:
			t.Errorf("status %d", s)
		}
	}
	var primaries []string
	if err := a.Runtime.DB.Raw(`SELECT u.email FROM site_contacts c JOIN users u ON u.id = c.user_id JOIN sites s ON s.id = c.site_id
		WHERE s.site_number = '300001' AND c.role = 'primary'`).Scan(&primaries).Error; err != nil {
		t.Fatal(err)
	}
	if len(primaries) != 1 || oks == 0 {
		t.Fatalf("primaries after concurrent moves: %v (%d moves succeeded)", primaries, oks)
	}
	if after := count(t, a.Runtime.DB, "audit_log"); after != before+int64(oks) {
		t.Errorf("%d audit rows for %d moves", after-before, oks)
	}
}

// Removing the technical role from someone who does not hold it is the
// A2 "does not hold" refusal (422), whether or not the site is covered;
// it must not claim that the site would be left without its STC.
func TestRemovingATechnicalRoleNotHeld(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	// Uncovered site: 422.
	refused(t, a, "DELETE", "/v1/sites/300302/contacts/technical/"+frank, solo, nil, 422, "rule-violation", "A2", "")
	// Covered site, unknown user: 422.
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/nobody@nowhere.example.com", alice, nil, 422, "rule-violation", "A2", "")
	// Covered site, known user who is not the STC: must be 422 too.
	refused(t, a, "DELETE", acmeSite+"/contacts/technical/"+erin, alice, nil, 422, "rule-violation", "A2", "")
}

// Account management is held by the Primary Contact (B1.4, B2): when the
// role moves, so does account management. The former Primary keeps access
// to the site but not manage access or contact update at update, which
// nobody granted them.
func TestMovingThePrimaryMovesAccountManagement(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	changes(t, a, "PUT", acmeSite+"/contacts/primary", alice, contact(bob), http.StatusOK)
	s := getSite(t, a, "300001", alice)
	if s.You.Primary || s.You.Privileges["account_management"] == "held" {
		t.Fatalf("alice after the move: %+v", s.You)
	}
	if s.You.Privileges["manage_access"] == "update" || s.You.Privileges["contact_update"] == "update" {
		t.Errorf("the former Primary still holds account management: manage_access=%s contact_update=%s",
			s.You.Privileges["manage_access"], s.You.Privileges["contact_update"])
	}
	// So she cannot take the role back on her own.
	r := a.Do("PUT", acmeSite+"/contacts/primary", a.Token(alice), contact(alice))
	if r.Status != http.StatusForbidden {
		t.Errorf("the former Primary takes the role back: %d %s", r.Status, r.Body)
	}
}

// Only the Primary Contact moves the Primary role: someone granted contact
// update cannot make themselves Primary and so gain manage access, which
// only the Primary may grant (B2).
func TestContactUpdateDelegateCannotSeizeThePrimaryRole(t *testing.T) {
	t.Parallel()
	a := startSeeded(t)
	changes(t, a, "PUT", acmeSite+"/users/"+dave+"/privileges", alice,
		privs("software", "downloads", "reporting", "view", "entitlements", "view", "contact_update", "update"), http.StatusOK)
	// dave may edit the other contacts…
	changes(t, a, "PUT", acmeSite+"/contacts/billing", dave, contact(erin), http.StatusOK)
	// …but not take the Primary role (and with it manage access).
	refused(t, a, "PUT", acmeSite+"/contacts/primary", dave, contact(dave), http.StatusForbidden, "forbidden", "B2", "")
}
