package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/pao/pao/internal/mail"
	"github.com/pao/pao/internal/seed"
	"github.com/pao/pao/internal/testenv"
	"github.com/pao/pao/models"
)

const (
	targetSite  = "300001"
	missingSite = "999999"
	stranger    = "stranger@elsewhere.example.org" // signed in, never seen before
)

// paramValues fill the path parameters of site-scoped routes; each
// combination is a separate attempt.
var paramValues = map[string][]string{
	"role":  {"primary", "administrative", "technical", "secondary", "renewal", "media", "billing"},
	"email": {carol, dave, erin},
	"user":  {erin, carol, grace, alice},
}

// validBodies make a refused mutation fail for authorization, not
// validation: each is accepted when the right user sends it.
var validBodies = map[string]func(params map[string]string) any{
	"PUT /v1/sites/:site/contacts/:role":         func(map[string]string) any { return contact(erin) },
	"PUT /v1/sites/:site/users/:user/privileges": func(map[string]string) any { return privs("software", "downloads") },
}

// step is one request of the right user and the status it must get.
type step struct {
	method, path string
	body         any
	want         int
}

// moreRightUserSteps are the right-user steps of site-scoped routes that
// a domain's own matrix file registers from its init()
// (authz_matrix_<domain>_test.go), merged into rightUserSteps.
var moreRightUserSteps = map[string]func() []step{}

// rightUserSteps are what the right user (alice, Primary of 300001) gets
// on each site-scoped route of 300001: the route works for her (2xx, or a
// business refusal that is not 401/403/404). Each route's steps leave the
// state as they found it.
func rightUserSteps() map[string][]step {
	steps := baseRightUserSteps()
	for k, f := range moreRightUserSteps {
		if _, dup := steps[k]; dup {
			panic("right-user steps of " + k + " registered twice")
		}
		steps[k] = f()
	}
	return steps
}

func baseRightUserSteps() map[string][]step {
	s := acmeSite
	holder := map[string]string{"primary": alice, "administrative": bob, "technical": carol, "secondary": dave,
		"renewal": bob, "media": carol, "billing": henry}
	var putContact []step
	for _, r := range paramValues["role"] { // already theirs: 200, unchanged
		putContact = append(putContact, step{"PUT", s + "/contacts/" + r, contact(holder[r]), http.StatusOK})
	}
	putContact = append(putContact,
		step{"PUT", s + "/contacts/secondary", contact(erin), http.StatusOK},
		step{"DELETE", s + "/contacts/secondary/" + erin, nil, http.StatusOK})
	var getPriv []step
	for _, u := range paramValues["user"] {
		getPriv = append(getPriv, step{"GET", s + "/users/" + u + "/privileges", nil, http.StatusOK})
	}
	return map[string][]step{
		"GET /v1/sites/:site":                {{"GET", s, nil, http.StatusOK}},
		"GET /v1/sites/:site/contacts":       {{"GET", s + "/contacts", nil, http.StatusOK}},
		"PUT /v1/sites/:site/contacts/:role": putContact,
		"DELETE /v1/sites/:site/contacts/:role/:email": {
			{"DELETE", s + "/contacts/primary/" + alice, nil, http.StatusConflict},
			{"DELETE", s + "/contacts/technical/" + carol, nil, http.StatusConflict},
			{"PUT", s + "/contacts/secondary", contact(erin), http.StatusOK},
			{"DELETE", s + "/contacts/secondary/" + erin, nil, http.StatusOK},
		},
		"GET /v1/sites/:site/users":                  {{"GET", s + "/users", nil, http.StatusOK}},
		"GET /v1/sites/:site/users/:user/privileges": getPriv,
		"PUT /v1/sites/:site/users/:user/privileges": {
			{"PUT", s + "/users/" + erin + "/privileges", privs("software", "downloads"), http.StatusOK},
			{"PUT", s + "/users/" + alice + "/privileges", privs("software", "downloads"), http.StatusConflict},
		},
		"DELETE /v1/sites/:site/users/:user": {
			{"PUT", s + "/users/temp@acme.example.com/privileges", privs("software", "downloads"), http.StatusOK},
			{"DELETE", s + "/users/temp@acme.example.com", nil, http.StatusNoContent},
			{"DELETE", s + "/users/" + alice, nil, http.StatusConflict},
		},
		"GET /v1/sites/:site/audit": {{"GET", s + "/audit?limit=3", nil, http.StatusOK}},
	}
}

// startWorld starts the API and the worker (request decisions run in
// workflows) in dev mode, with a mail sink, and loads the demo dataset.
func startWorld(t *testing.T) *testenv.App {
	t.Helper()
	sink := &mail.Sink{}
	if err := sink.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sink.Close() })
	a := testenv.StartApp(t, testenv.Options{Env: map[string]string{
		"PAO_SMTP_PORT": strconv.Itoa(sink.Port()), "PAO_MAIL_POLL": "50ms", "PAO_DEV_MODE": "true",
	}})
	if _, err := seed.Load(context.Background(), a.Runtime.DB, time.Now()); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return a
}

// Markers planted in 300001's account: requests about it and a support
// case of its customer. Only its approvers and support people see them.
const (
	nominee   = "nominee@elsewhere.example.org"
	nominee2  = "nominee2@elsewhere.example.org"
	nomReason = "NOMREASON-7f3 I run the Austin build farm"
	supReason = "SUPREASON-9c1 I need to follow our outage cases"
	caseTitle = "CASETITLE-5d2 Db2 outage in Austin"
)

// fixtures are the ids of the planted requests and case.
type fixtures struct {
	nomination, nomination2 string // by nominee, nominee2 for 300001
	support, support2       string // by erin, henry for customer 1000001
	caseID                  string // opened by bob (support basic) on 1000001
}

func accessRequest(customer, site, email, reason string) map[string]any {
	b := map[string]any{"customer_number": customer, "name": "Some One", "email": email,
		"company": "Elsewhere Ltd", "phone": "+15555550100", "reason": reason}
	if site != "" {
		b["site_number"] = site
	}
	return b
}

func makeFixtures(t *testing.T, m *matrix) fixtures {
	t.Helper()
	create := func(path, who string, body any) string {
		t.Helper()
		r := m.a.Do("POST", path, tokenFor(m.a, who), body)
		if r.Status != http.StatusCreated {
			t.Fatalf("POST %s as %s = %d %s", path, who, r.Status, r.Body)
		}
		// What a requester is told on submitting carries none of the
		// site's people.
		m.noLeak(t, "POST "+path+" as "+who, who, r, path, body)
		var v struct {
			ID   any `json:"id"`
			Case struct {
				ID int64 `json:"id"`
			} `json:"case"`
		}
		r.JSON(t, &v)
		if v.ID != nil {
			return fmt.Sprint(v.ID)
		}
		return strconv.FormatInt(v.Case.ID, 10)
	}
	var fx fixtures
	fx.nomination = create("/v1/nominations", nominee, accessRequest("1000001", targetSite, nominee, nomReason))
	fx.nomination2 = create("/v1/nominations", nominee2, accessRequest("1000001", targetSite, nominee2, nomReason))
	fx.support = create("/v1/support-access-requests", erin, accessRequest("1000001", "", erin, supReason))
	fx.support2 = create("/v1/support-access-requests", henry, accessRequest("1000001", "", henry, supReason))
	fx.caseID = create("/v1/accounts/1000001/cases", bob, map[string]any{"title": caseTitle, "description": "the secret details", "severity": 2})
	// Wait for the workflows to record their submission (an audit row
	// each), so nothing changes behind the refused callers' backs.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int64
		if err := m.a.Runtime.DB.Model(&models.AuditEntry{}).Where("action = ?", "request.submit").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of 4 requests recorded their submission", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fx
}

func requestIDs(t *testing.T, r testenv.Response) []string {
	t.Helper()
	var v struct {
		Requests []struct {
			ID string `json:"id"`
		} `json:"requests"`
	}
	r.JSON(t, &v)
	out := []string{}
	for _, x := range v.Requests {
		out = append(out, x.ID)
	}
	return out
}

var rejectBody = map[string]any{"decision": "reject", "reason": "not now"}
