package api_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pao/pao/internal/auth"
	"github.com/pao/pao/models"
)

// The renewal routes in the authorization matrix (issue 11 item 7, SPEC
// F3–F5): the lists are the caller's own (the renewals of the sites where
// they have Software & services at full: nobody else sees 300001's, and an
// agreement or customer without such a site is 404); a renewal needs
// software full on its site (everybody without access to it 404, below
// full 403; another site's renewal 404, whether it exists or not);
// verifying the contacts needs the site's Primary Contact (403 to anybody
// else on the site); the external order is a staff route for ibm-ops and
// the customer's renewal rep (404 to customers, sales reps and any other
// renewal rep). The fixtures have no running process: what passes is
// refused by it (409), unchanged.
func init() {
	for k, v := range map[string]nonSite{
		"GET /v1/renewals":                              {denyRenewalLists, allowRenewalLists},
		"GET /v1/renewals/:quote":                       {denyRenewal("GET", "", nil), allowGetRenewal},
		"POST /v1/renewals/:quote/verify-contacts":      {denyVerifyContacts, allowVerifyContacts},
		"POST /v1/renewals/:quote/channel":              {denyRenewal("POST", "/channel", renewalChannel()), allowRenewalChannel},
		"POST /v1/staff/renewals/:quote/external-order": {denyExternalOrder, allowExternalOrder},
	} {
		nonSiteRoutes[k] = v
	}
}

func renewalChannel() map[string]any { return map[string]any{"channel": "renewal_rep"} }

// renewalMatrixFixtures: a quoted renewal of 300001, one of 300001
// awaiting the renewal rep's order, and a quoted renewal of 300002.
type renewalMatrixFixtures struct {
	acme, acmeWaiting, frankfurt renewalFx
}

var matrixRenewals = struct {
	sync.Mutex
	of map[*matrix]renewalMatrixFixtures
}{of: map[*matrix]renewalMatrixFixtures{}}

func sharedRenewals(t *testing.T, m *matrix) renewalMatrixFixtures {
	t.Helper()
	matrixRenewals.Lock()
	defer matrixRenewals.Unlock()
	fx, ok := matrixRenewals.of[m]
	if !ok {
		db := m.a.Runtime.DB
		fx.acme = renewalFixture(t, db, renewalSpec{site: targetSite, due: renewalDay(2031, 3, 20), status: models.RenewalQuoted, quote: models.QuoteOpen})
		fx.acmeWaiting = renewalFixture(t, db, renewalSpec{site: targetSite, due: renewalDay(2031, 4, 20), status: models.RenewalAwaitingOrder,
			quote: models.QuoteOpen, channel: models.ChannelRenewalRep})
		fx.frankfurt = renewalFixture(t, db, renewalSpec{site: "300002", due: renewalDay(2031, 3, 10), status: models.RenewalQuoted, quote: models.QuoteOpen})
		matrixRenewals.of[m] = fx
	}
	return fx
}

// renewalState is what a refused caller must not change.
func renewalState(t *testing.T, m *matrix) []string {
	t.Helper()
	return column(t, m.a.Runtime.DB, `SELECT r.workflow_id || ' ' || r.status || ' ' || r.channel || ' ' || r.contacts_verified_by ||
		' ' || r.external_order || ' ' || r.updated_at::text FROM renewals r ORDER BY 1`)
}

func unchangedRenewals(t *testing.T, m *matrix, before []string) {
	t.Helper()
	if after := renewalState(t, m); !slices.Equal(before, after) {
		t.Errorf("a refused renewal request changed renewals:\nbefore %v\nafter  %v", before, after)
	}
}

// acmeExcept is what heidi legitimately sees of 300001's customer on her
// own site's renewals (the same customer and agreement).
var acmeExcept = []string{carol, bob, "1000001", "Acme Corporation", "2000001"}

// denyRenewalLists: everybody without software full on 300001 gets lists
// without its renewals (their own, or none); an agreement or customer
// where the caller has no software-full site is 404.
func denyRenewalLists(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	for _, who := range []string{heidi, budi, frank, stranger, ops, carol, dave, erin, henry} {
		for _, q := range []string{"", "?view=by-month", "?view=details", "?limit=200"} {
			p := "/v1/renewals" + q
			r := m.do(t, "GET", p, who, nil)
			if r.Status != http.StatusOK {
				t.Errorf("GET %s as %s = %d %s", p, who, r.Status, r.Body)
				continue
			}
			for _, n := range []string{fx.acme.quoteNumber, fx.acmeWaiting.quoteNumber, "300001-"} {
				if strings.Contains(string(r.Body), n) {
					t.Errorf("GET %s as %s shows 300001's renewal %s: %s", p, who, n, r.Body)
				}
			}
			var except []string
			if who == heidi {
				except = acmeExcept
			}
			m.noLeak(t, "GET "+p+" as "+who, who, r, p, nil, except...)
		}
	}
	for _, c := range []struct{ who, q string }{
		{frank, "agreement=2000001"}, {stranger, "customer=1000001"}, {carol, "agreement=2000001"}, {dave, "customer=1000001"},
		{budi, "agreement=2000001"}, {ops, "customer=1000001"}, {heidi, "customer=1000002"}, {alice, "agreement=2000002"},
	} {
		p := "/v1/renewals?" + c.q
		r := m.do(t, "GET", p, c.who, nil)
		m.refused(t, "GET "+p+" as "+c.who, c.who, r, http.StatusNotFound, p, nil)
	}
	// heidi's customer filter: 300002's renewal only.
	r := m.do(t, "GET", "/v1/renewals?customer=1000001", heidi, nil)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), fx.frankfurt.quoteNumber) || strings.Contains(string(r.Body), fx.acme.quoteNumber) {
		t.Errorf("GET /v1/renewals?customer=1000001 as heidi = %d, want 300002's renewal only: %s", r.Status, r.Body)
	}
	m.noLeak(t, "GET /v1/renewals?customer=1000001 as heidi", heidi, r, "/v1/renewals?customer=1000001", nil, acmeExcept...)
	unchangedRenewals(t, m, before)
}

func allowRenewalLists(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	for _, who := range []string{alice, bob, grace} {
		for _, q := range []string{"", "?view=by-month", "?agreement=2000001", "?customer=1000001&view=awaiting"} {
			r := m.expect(t, "GET", "/v1/renewals"+q, who, nil, http.StatusOK)
			if !strings.Contains(string(r.Body), fx.acme.quoteNumber) {
				t.Errorf("GET /v1/renewals%s as %s lacks %s: %s", q, who, fx.acme.quoteNumber, r.Body)
			}
			if who != bob && strings.Contains(string(r.Body), fx.frankfurt.quoteNumber) {
				t.Errorf("GET /v1/renewals%s as %s shows 300002's renewal: %s", q, who, r.Body)
			}
		}
	}
	r := m.expect(t, "GET", "/v1/renewals", bob, nil, http.StatusOK)
	if !strings.Contains(string(r.Body), fx.frankfurt.quoteNumber) {
		t.Errorf("bob's renewals lack 300002's: %s", r.Body)
	}
	m.expect(t, "GET", "/v1/renewals?view=nope", alice, nil, http.StatusBadRequest)
}

// denyRenewal: without access to the renewal's site 404, below full 403;
// a renewal that does not exist, a malformed key, or another site's
// renewal 404.
func denyRenewal(method, suffix string, body any) func(t *testing.T, m *matrix) {
	return func(t *testing.T, m *matrix) {
		fx := sharedRenewals(t, m)
		before := renewalState(t, m)
		for _, key := range []string{fx.acme.quoteNumber, fx.acme.reference} {
			p := "/v1/renewals/" + key + suffix
			m.deny(t, method, p, body, heidi, budi, frank, stranger, ops)
			m.forbid(t, method, p, body, carol, dave, erin, henry)
		}
		for _, key := range []string{"RQ-2031-999999", "300001-2031-01-01", "not-a-renewal", strings.Replace(fx.acme.quoteNumber, "RQ-", "Q-", 1)} {
			m.deny(t, method, "/v1/renewals/"+key+suffix, body, alice)
		}
		m.deny(t, method, "/v1/renewals/"+fx.frankfurt.quoteNumber+suffix, body, alice, dave, erin)
		m.deny(t, method, "/v1/renewals/"+fx.frankfurt.reference+suffix, body, alice, grace)
		unchangedRenewals(t, m, before)
	}
}

func allowGetRenewal(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	for _, who := range []string{alice, bob, grace} {
		r := m.expect(t, "GET", "/v1/renewals/"+fx.acme.quoteNumber, who, nil, http.StatusOK)
		for _, want := range []string{`"quote_number":"` + fx.acme.quoteNumber + `"`, `"sales_rep":{`, `"account":{`, renewalRep} {
			if !strings.Contains(string(r.Body), want) {
				t.Errorf("GET /v1/renewals/%s as %s lacks %s: %s", fx.acme.quoteNumber, who, want, r.Body)
			}
		}
	}
	m.expect(t, "GET", "/v1/renewals/"+fx.acme.reference, alice, nil, http.StatusOK)
	m.expect(t, "GET", "/v1/renewals/"+fx.frankfurt.quoteNumber, heidi, nil, http.StatusOK)
}

// denyVerifyContacts: denyRenewal, and everybody on the site but its
// Primary is refused, software full or not (403).
func denyVerifyContacts(t *testing.T, m *matrix) {
	denyRenewal("POST", "/verify-contacts", nil)(t, m)
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	m.forbid(t, "POST", "/v1/renewals/"+fx.acme.quoteNumber+"/verify-contacts", nil, bob, grace)
	m.forbid(t, "POST", "/v1/renewals/"+fx.frankfurt.quoteNumber+"/verify-contacts", nil, bob)
	unchangedRenewals(t, m, before)
}

func allowVerifyContacts(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	m.expect(t, "POST", "/v1/renewals/"+fx.acme.quoteNumber+"/verify-contacts", alice, nil, http.StatusConflict)
	m.expect(t, "POST", "/v1/renewals/"+fx.frankfurt.reference+"/verify-contacts", heidi, map[string]any{}, http.StatusConflict)
	unchangedRenewals(t, m, before)
}

func allowRenewalChannel(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	for _, who := range []string{alice, bob, grace} {
		m.expect(t, "POST", "/v1/renewals/"+fx.acme.quoteNumber+"/channel", who, renewalChannel(), http.StatusConflict)
	}
	m.expect(t, "POST", "/v1/renewals/"+fx.acme.quoteNumber+"/channel", alice, map[string]any{"channel": "carrier pigeon"}, http.StatusBadRequest)
	unchangedRenewals(t, m, before)
}

// denyExternalOrder: the route does not exist for customers nor for
// sales reps (404); a renewal rep who is not the customer's gets 404 for
// its renewal; an unknown renewal is 404 to ibm-ops.
func denyExternalOrder(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	body := map[string]any{"reference": "BP-PO-2031-0042"}
	p := "/v1/staff/renewals/" + fx.acmeWaiting.quoteNumber + "/external-order"
	m.deny(t, "POST", p, body, alice, bob, heidi, budi, frank, stranger)
	r := asOrderStaff(m, "POST", p, salesRep, auth.RoleSalesRep, body)
	m.refused(t, "POST "+p+" as a sales rep", salesRep, r, http.StatusNotFound, p, body)
	r = asOrderStaff(m, "POST", p, salesRep, auth.RoleRenewalRep, body)
	m.refused(t, "POST "+p+" as another customer's renewal rep", salesRep, r, http.StatusNotFound, p, body)
	for _, q := range []string{"/v1/staff/renewals/RQ-2031-999999/external-order", "/v1/staff/renewals/300001-2031-01-01/external-order"} {
		r = asOrderStaff(m, "POST", q, ops, auth.RoleIBMOps, body)
		m.refused(t, "POST "+q+" as ibm-ops", ops, r, http.StatusNotFound, q, body)
	}
	unchangedRenewals(t, m, before)
}

func allowExternalOrder(t *testing.T, m *matrix) {
	fx := sharedRenewals(t, m)
	before := renewalState(t, m)
	p := "/v1/staff/renewals/" + fx.acmeWaiting.quoteNumber + "/external-order"
	for _, s := range []struct{ who, role string }{{ops, auth.RoleIBMOps}, {renewalRep, auth.RoleRenewalRep}} {
		if r := asOrderStaff(m, "POST", p, s.who, s.role, map[string]any{"reference": "BP-PO-2031-0042"}); r.Status != http.StatusConflict {
			t.Errorf("external order on %s as %s = %d, want 409 (no process): %s", fx.acmeWaiting.quoteNumber, s.who, r.Status, r.Body)
		}
	}
	if r := asOrderStaff(m, "POST", p, renewalRep, auth.RoleRenewalRep, map[string]any{}); r.Status != http.StatusBadRequest {
		t.Errorf("external order without a reference = %d, want 400: %s", r.Status, r.Body)
	}
	unchangedRenewals(t, m, before)
}
