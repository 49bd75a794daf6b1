package api_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/pao/pao/models"
)

// TestEnrollmentCreatesASiteOnce: only IBM ops staff enrol (the route does
// not exist for anyone else); an origin, additional or express enrolment
// creates one site whose Primary has access to it alone; the same customer,
// agreement or site cannot be enrolled twice (A1).
func TestEnrollmentCreatesASiteOnce(t *testing.T) {
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
