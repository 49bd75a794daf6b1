package api_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestPrivilegeGrantsAreBoundedByB2 (B1–B2): the Primary grants any
// privilege; a delegate with manage access update grants up to her own
// levels and never manage access or contact update; nobody else grants;
// nobody changes the Primary's privileges; every grant is audited and
// validated.
func TestPrivilegeGrantsAreBoundedByB2(t *testing.T) {
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
			"level not a string": {map[string]any{"privileges": map[string]any{"software": 3}}, "privileges.software"},
		}
		for name, c := range cases {
			t.Run(name, func(t *testing.T) {
				refused(t, a, "PUT", path(erin), alice, c.body, 400, "validation", "", c.field)
			})
		}
		refused(t, a, "PUT", acmeSite+"/users/not-an-email/privileges", alice, privs("software", "downloads"), 400, "validation", "", "user")
	})
}
